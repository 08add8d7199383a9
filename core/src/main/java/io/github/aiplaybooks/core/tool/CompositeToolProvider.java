package io.github.aiplaybooks.core.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Several providers as one: {@link ToolProvider#composite}. */
final class CompositeToolProvider implements ToolProvider {
  static final CompositeToolProvider NONE = new CompositeToolProvider(List.of());

  private final List<ToolProvider> providers;

  CompositeToolProvider(List<ToolProvider> providers) {
    this.providers = providers;
    byName();
  }

  private Map<String, ToolProvider> byName() {
    Map<String, ToolProvider> m = new LinkedHashMap<>();
    for (ToolProvider p : providers) {
      for (ToolDescriptor d : p.tools()) {
        ToolProvider previous = m.putIfAbsent(d.name(), p);
        if (previous != null && previous != p) {
          throw new IllegalArgumentException(
              "providers: two providers have a tool named " + d.name());
        }
      }
    }
    return m;
  }

  @Override
  public List<ToolDescriptor> tools() {
    List<ToolDescriptor> all = new ArrayList<>();
    providers.forEach(p -> all.addAll(p.tools()));
    return all;
  }

  @Override
  public ToolResult call(ToolRequest request) {
    Objects.requireNonNull(request, "request");
    for (ToolProvider p : providers) {
      if (p.tool(request.tool()).isPresent()) {
        return p.call(request);
      }
    }
    throw new IllegalArgumentException("tool: no provider has a tool named " + request.tool());
  }

  @Override
  public String toString() {
    return "ToolProvider.composite" + providers;
  }
}
