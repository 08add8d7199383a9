#!/bin/bash
# Copied from the project's shared peer notes (/work/shared/peers/netns-run.sh, see PEERS.md),
# so the tests do not depend on a directory outside the repository.
# Run a command in a fresh network namespace that has only a loopback interface,
# so servers that listen on every interface are still reachable from loopback alone.
exec unshare --net bash -c 'ip link set lo up && exec "$@"' _ "$@"
