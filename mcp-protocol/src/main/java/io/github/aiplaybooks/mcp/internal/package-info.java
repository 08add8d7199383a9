/**
 * Internals shared by the MCP client and server: line framing, Server-Sent Events parsing and
 * thread factories. Not API: these types may change in any release.
 */
package io.github.aiplaybooks.mcp.internal;
