#include "milestones/milestone_set.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "diagnostics/suggest.h"
#include "io/text.h"
#include "io/toml_fields.h"
#include "workspace/workspace.h"

namespace residence {

namespace {

const std::vector<std::string_view> k_milestone_keys = {
    "id", "title", "phase", "due", "start", "status", "done", "owner", "depends_on", "kind", "note",
    "forced_reason"};

const char* const k_status_list = "planned, active, done, blocked or cancelled";

class Reader {
public:
  Reader(MilestoneSet& set, std::vector<Diagnostic>& problems) : m_set(set), m_problems(problems) {}

  void read_file(std::size_t index)
  {
    const TomlDocument& doc = m_set.documents[index];
    for (const auto& [key, node] : doc.root) {
      if (key != "phase" && key != "milestone") {
        m_problems.push_back(diagnostic_at(doc, key.source(), Severity::warning, "unknown-key",
                                           fmt::format("unknown top-level key '{}'; it is kept as it is",
                                                       key.str()),
                                           did_you_mean(key.str(), {"phase", "milestone"})));
      }
    }
    for_each_table(index, "phase", [&](FieldReader& r, SourceRef src) { read_phase(r, src); });
    for_each_table(index, "milestone", [&](FieldReader& r, SourceRef src) { read_milestone(r, src); });
  }

  // References can point to entries of any file, so they are checked last.
  // Ids in `unjudged` may be defined in a file that could not be read.
  void check_references(const std::set<std::string>& unjudged)
  {
    std::vector<std::string> phase_ids;
    for (const auto& p : m_set.phases) {
      phase_ids.push_back(p.id);
    }
    std::vector<std::string> ids;
    for (const auto& m : m_set.milestones) {
      ids.push_back(m.id);
    }
    for (std::size_t i = 0; i < m_set.milestones.size(); ++i) {
      const Milestone& m = m_set.milestones[i];
      if (!m.phase.empty() && !m_set.phases.empty() && m_set.find_phase(m.phase) == nullptr &&
          unjudged.count(m.phase) == 0) {
        report_at(m.source, value_node(i, "phase"), "unknown-phase",
                  fmt::format("milestone '{}' is in unknown phase '{}'", m.id, m.phase),
                  did_you_mean(m.phase, phase_ids));
      }
      for (const auto& dep : m.depends_on) {
        if (m_set.find(dep) == nullptr && unjudged.count(dep) == 0) {
          report_at(m.source, value_node(i, "depends_on", dep), "unknown-dependency",
                    fmt::format("milestone '{}' depends on unknown milestone '{}'", m.id, dep),
                    did_you_mean(dep, ids));
        }
      }
    }
  }

private:
  template <typename Fn>
  void for_each_table(std::size_t index, std::string_view key, Fn fn)
  {
    const TomlDocument& doc = m_set.documents[index];
    const toml::node* node = doc.root.get(key);
    if (node == nullptr) {
      return;
    }
    const toml::array* array = node->as_array();
    if (array == nullptr) {
      m_problems.push_back(diagnostic_at(doc, node->source(), Severity::error, "wrong-type",
                                         fmt::format("'{}' must be written as [[{}]] tables", key, key)));
      return;
    }
    for (const auto& element : *array) {
      const toml::table* table = element.as_table();
      const SourceRef src{index, static_cast<int>(element.source().begin.line)};
      if (table == nullptr) {
        m_problems.push_back(diagnostic_at(doc, element.source(), Severity::error, "wrong-type",
                                           fmt::format("each '{}' must be a table", key)));
        continue;
      }
      FieldReader reader(doc, *table, std::string(key), m_problems);
      fn(reader, src);
    }
  }

  void read_phase(FieldReader& r, SourceRef src)
  {
    Phase phase;
    phase.id = r.required_string("id");
    phase.title = r.optional_string("title").value_or(phase.id);
    phase.source = src;
    r.warn_unknown_keys({"id", "title"});
    if (phase.id.empty()) {
      return;
    }
    if (const Phase* first = m_set.find_phase(phase.id)) {
      r.problem("id", "duplicate-phase",
                fmt::format("phase '{}' is defined twice; first at {}", phase.id, m_set.where(first->source)));
      return;
    }
    m_set.phases.push_back(std::move(phase));
  }

  void read_milestone(FieldReader& r, SourceRef src)
  {
    Milestone m;
    m.source = src;
    m.id = r.required_string("id");
    if (!m.id.empty() && !is_valid_id(m.id)) {
      r.problem("id", "invalid-id",
                fmt::format("milestone id '{}' may hold only lowercase letters, digits and '-'", m.id));
    }
    const std::string what = m.id.empty() ? std::string("a milestone") : fmt::format("milestone '{}'", m.id);
    FieldReader fields(r.document(), r.raw(), what, m_problems);

    m.title = fields.required_string("title");
    m.phase = fields.required_string("phase");
    m.due = fields.required_date("due").value_or(Date{});
    m.start = fields.optional_date("start");
    m.owner = fields.optional_string("owner").value_or("");
    m.note = fields.optional_string("note").value_or("");
    m.depends_on = fields.string_or_strings("depends_on");
    m.done_on = fields.optional_date("done");
    read_status(fields, m);
    read_kind(fields, m);
    fields.warn_unknown_keys(k_milestone_keys);
    check_dates(fields, m);

    if (m.id.empty()) {
      return;
    }
    if (const Milestone* first = m_set.find(m.id)) {
      fields.problem("id", "duplicate-id",
                     fmt::format("milestone id '{}' is used twice; first at {}", m.id, m_set.where(first->source)));
      return;
    }
    m_set.add(std::move(m));
    m_tables.push_back(&fields.raw());
  }

  void read_status(FieldReader& fields, Milestone& m)
  {
    auto text = fields.optional_string("status");
    if (!text) {
      return;
    }
    if (auto status = parse_status(*text)) {
      m.status = *status;
      return;
    }
    std::string hint = did_you_mean(*text, {"planned", "active", "done", "blocked", "cancelled"});
    fields.problem("status", "unknown-status",
                   fmt::format("unknown status '{}' for {}; expected {}", *text, fields.what(), k_status_list),
                   hint);
  }

  void read_kind(FieldReader& fields, Milestone& m)
  {
    auto text = fields.optional_string("kind");
    if (!text) {
      return;
    }
    if (auto kind = parse_kind(*text)) {
      m.kind = *kind;
      return;
    }
    fields.problem("kind", "unknown-kind",
                   fmt::format("unknown kind '{}' for {}; expected milestone, deliverable or event", *text,
                               fields.what()),
                   did_you_mean(*text, {"milestone", "deliverable", "event"}));
  }

  void check_dates(FieldReader& fields, const Milestone& m)
  {
    if (m.status == MilestoneStatus::done && !m.done_on && fields.raw().get("done") == nullptr) {
      fields.problem("status", "done-without-date",
                     fmt::format("{} is done but has no done date", fields.what()),
                     "add `done = YYYY-MM-DD` (the day it was done)");
    }
    if (m.done_on && m.status != MilestoneStatus::done) {
      fields.problem("done", "done-date-not-done",
                     fmt::format("{} has a done date but its status is '{}'", fields.what(), status_name(m.status)),
                     {}, Severity::warning);
    }
    if (m.start && fields.raw().get("due") != nullptr && *m.start > m.due) {
      fields.problem("start", "start-after-due",
                     fmt::format("{} starts on {}, after its due date {}", fields.what(), m.start->iso(),
                                 m.due.iso()));
    }
  }

  // The value of `key` in the table of the i-th milestone, or the element
  // `element` of that value when it is an array.
  const toml::node* value_node(std::size_t i, std::string_view key, std::string_view element = {}) const
  {
    const toml::node* node = m_tables[i]->get(key);
    if (node != nullptr && node->is_array()) {
      for (const auto& item : *node->as_array()) {
        if (item.value<std::string_view>() == element) {
          return &item;
        }
      }
    }
    return node;
  }

  void report_at(const SourceRef& src, const toml::node* node, std::string code, std::string message,
                 std::string hint)
  {
    const TomlDocument& doc = m_set.documents[src.file];
    if (node != nullptr) {
      m_problems.push_back(diagnostic_at(doc, node->source(), Severity::error, std::move(code),
                                         std::move(message), std::move(hint)));
      return;
    }
    Diagnostic d = make_error(std::move(code), std::move(message), std::move(hint));
    d.file = doc.display;
    d.line = src.line;
    d.column = 1;
    d.source_line = doc.line(src.line);
    m_problems.push_back(std::move(d));
  }

  MilestoneSet& m_set;
  std::vector<Diagnostic>& m_problems;
  // The table each milestone was read from, parallel to m_set.milestones;
  // the documents of the set own them.
  std::vector<const toml::table*> m_tables;
};

} // namespace

void MilestoneSet::add(Milestone milestone)
{
  m_index.emplace(milestone.id, milestones.size());
  milestones.push_back(std::move(milestone));
}

std::optional<std::size_t> MilestoneSet::index_of(std::string_view id) const
{
  const auto found = m_index.find(std::string(id));
  return found == m_index.end() ? std::nullopt : std::optional<std::size_t>(found->second);
}

const Milestone* MilestoneSet::find(std::string_view id) const
{
  const auto index = index_of(id);
  return index ? &milestones[*index] : nullptr;
}

const Phase* MilestoneSet::find_phase(std::string_view id) const
{
  for (const auto& p : phases) {
    if (p.id == id) {
      return &p;
    }
  }
  return nullptr;
}

std::string MilestoneSet::where(const SourceRef& source) const
{
  return fmt::format("{}:{}", documents.at(source.file).display, source.line);
}

MilestoneSet read_milestones(std::vector<TomlDocument> documents, std::vector<Diagnostic>& problems,
                             const std::set<std::string>& unjudged)
{
  MilestoneSet set;
  set.documents = std::move(documents);
  Reader reader(set, problems);
  for (std::size_t i = 0; i < set.documents.size(); ++i) {
    reader.read_file(i);
  }
  reader.check_references(unjudged);
  return set;
}

MilestoneSet load_milestones(const Workspace& workspace, std::vector<Diagnostic>& problems)
{
  std::vector<TomlDocument> documents;
  for (const auto& file : workspace.manifest.milestone_files) {
    documents.push_back(load_toml(workspace.path_of(file), workspace.display_of(file)));
  }
  return read_milestones(std::move(documents), problems);
}

MilestoneSet load_valid_milestones(const Workspace& workspace, std::vector<Diagnostic>& warnings)
{
  std::vector<Diagnostic> problems;
  MilestoneSet set = load_milestones(workspace, problems);
  auto errors = errors_of(problems);
  if (!errors.empty()) {
    throw Error(ExitCode::invalid_input, errors);
  }
  warnings.insert(warnings.end(), problems.begin(), problems.end());
  return set;
}

} // namespace residence
