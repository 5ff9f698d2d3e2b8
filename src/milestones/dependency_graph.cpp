#include "milestones/dependency_graph.h"

#include <algorithm>
#include <limits>

namespace residence {

namespace {

constexpr std::size_t k_none = std::numeric_limits<std::size_t>::max();

using Graph = std::vector<std::vector<std::size_t>>;

Graph graph_of(const MilestoneSet& set)
{
  Graph edges(set.milestones.size());
  for (std::size_t i = 0; i < set.milestones.size(); ++i) {
    for (const auto& id : set.milestones[i].depends_on) {
      if (auto target = set.index_of(id)) {
        edges[i].push_back(*target);
      }
    }
  }
  return edges;
}

// Tarjan's strongly connected components, with an explicit call stack.
class Components {
public:
  explicit Components(const Graph& edges)
      : m_edges(edges), m_index(edges.size(), k_none), m_low(edges.size(), 0),
        m_on_stack(edges.size(), false), m_component(edges.size(), k_none)
  {
    for (std::size_t v = 0; v < edges.size(); ++v) {
      if (m_index[v] == k_none) {
        visit(v);
      }
    }
  }

  // The component of each vertex, numbered from 0.
  const std::vector<std::size_t>& component() const { return m_component; }
  std::size_t count() const { return m_count; }

private:
  struct Frame {
    std::size_t vertex;
    std::size_t next_edge;
  };

  void open(std::size_t v, std::vector<Frame>& calls)
  {
    m_index[v] = m_low[v] = m_next_index++;
    m_stack.push_back(v);
    m_on_stack[v] = true;
    calls.push_back({v, 0});
  }

  void visit(std::size_t root)
  {
    std::vector<Frame> calls;
    open(root, calls);
    while (!calls.empty()) {
      Frame& frame = calls.back();
      const std::size_t v = frame.vertex;
      if (frame.next_edge < m_edges[v].size()) {
        const std::size_t w = m_edges[v][frame.next_edge++];
        if (m_index[w] == k_none) {
          open(w, calls); // invalidates `frame`
        } else if (m_on_stack[w]) {
          m_low[v] = std::min(m_low[v], m_index[w]);
        }
        continue;
      }
      calls.pop_back();
      if (!calls.empty()) {
        const std::size_t parent = calls.back().vertex;
        m_low[parent] = std::min(m_low[parent], m_low[v]);
      }
      if (m_low[v] == m_index[v]) {
        close_component(v);
      }
    }
  }

  void close_component(std::size_t v)
  {
    std::size_t w = k_none;
    do {
      w = m_stack.back();
      m_stack.pop_back();
      m_on_stack[w] = false;
      m_component[w] = m_count;
    } while (w != v);
    ++m_count;
  }

  const Graph& m_edges;
  std::vector<std::size_t> m_index;
  std::vector<std::size_t> m_low;
  std::vector<bool> m_on_stack;
  std::vector<std::size_t> m_component;
  std::vector<std::size_t> m_stack;
  std::size_t m_next_index = 0;
  std::size_t m_count = 0;
};

// The shortest way from `start` back to itself inside its component, by a
// breadth-first search: a simple cycle. `parent` is scratch space, all k_none.
std::vector<std::size_t> cycle_through(const Graph& edges,
                                       const std::vector<std::size_t>& component, std::size_t start,
                                       std::vector<std::size_t>& parent)
{
  std::vector<std::size_t> queue {start};
  std::size_t last = k_none;
  for (std::size_t head = 0; head < queue.size() && last == k_none; ++head) {
    const std::size_t v = queue[head];
    for (std::size_t w : edges[v]) {
      if (w == start) {
        last = v;
        break;
      }
      if (component[w] == component[start] && parent[w] == k_none) {
        parent[w] = v;
        queue.push_back(w);
      }
    }
  }
  std::vector<std::size_t> path;
  for (std::size_t v = last; v != start; v = parent[v]) {
    path.push_back(v);
  }
  path.push_back(start);
  std::reverse(path.begin(), path.end());
  for (std::size_t v : queue) {
    parent[v] = k_none;
  }
  return path;
}

} // namespace

std::vector<DependencyCycle> find_dependency_cycles(const MilestoneSet& set)
{
  const Graph edges = graph_of(set);
  const Components components(edges);
  const std::vector<std::size_t>& component = components.component();

  std::vector<std::vector<std::size_t>> members(components.count());
  for (std::size_t v = 0; v < edges.size(); ++v) {
    members[component[v]].push_back(v); // in file order, so front() comes first
  }

  std::vector<DependencyCycle> cycles;
  std::vector<std::size_t> parent(edges.size(), k_none);
  std::vector<bool> on_path(edges.size(), false);
  for (const auto& knot : members) {
    const std::size_t start = knot.front();
    const bool loops =
        knot.size() > 1 || std::count(edges[start].begin(), edges[start].end(), start) > 0;
    if (!loops) {
      continue;
    }
    DependencyCycle cycle {cycle_through(edges, component, start, parent), {}};
    for (std::size_t v : cycle.members) {
      on_path[v] = true;
    }
    for (std::size_t v : knot) {
      if (!on_path[v]) {
        cycle.others.push_back(v);
      }
    }
    cycles.push_back(std::move(cycle));
  }
  std::sort(cycles.begin(), cycles.end(), [](const DependencyCycle& a, const DependencyCycle& b) {
    return a.members.front() < b.members.front();
  });
  return cycles;
}

} // namespace residence
