#include "milestones/changes.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "diagnostics/suggest.h"
#include "io/text.h"
#include "milestones/listing.h"
#include "templates/helpers.h"

namespace residence {

namespace {

constexpr std::size_t k_max_slug = 48;

std::vector<std::string> milestone_ids(const MilestoneSet& set)
{
  std::vector<std::string> ids;
  for (const auto& m : set.milestones) {
    ids.push_back(m.id);
  }
  return ids;
}

const Milestone& require_milestone(const MilestoneSet& set, std::string_view id)
{
  if (const Milestone* m = set.find(id)) {
    return *m;
  }
  throw Error(ExitCode::usage, make_error("unknown-milestone", fmt::format("no milestone '{}'", id),
                                          did_you_mean(id, milestone_ids(set))));
}

// The table of each milestone in its document, indexed once per document:
// a cascade edits thousands of milestones.
class TableFinder {
public:
  explicit TableFinder(const MilestoneSet& set) : m_set(set), m_tables(set.documents.size()) {}

  const toml::table& of(const Milestone& m)
  {
    std::optional<MilestoneTables>& tables = m_tables[m.source.file];
    if (!tables) {
      tables = milestone_tables(m_set.documents[m.source.file]);
    }
    return *tables->at(m.id);
  }

private:
  const MilestoneSet& m_set;
  std::vector<std::optional<MilestoneTables>> m_tables;
};

// What a person reads for a key the milestone does not write.
std::optional<std::string> default_of(std::string_view key)
{
  if (key == "status") {
    return std::string(status_name(MilestoneStatus::planned));
  }
  return std::nullopt;
}

// True when the value is written with the TOML type it should have: a quoted
// date must be rewritten even though it reads the same.
bool same_type(const toml::node& node, const KeyValue& value)
{
  return value.text.has_value() == node.is_string();
}

// Collects the edits of one milestone, leaving out keys already right.
class Editor {
public:
  Editor(const MilestoneSet& set, const Milestone& m, const toml::table& table, EditPlan& plan)
      : m_id(m.id), m_doc(set.documents[m.source.file]), m_table(table), m_plan(plan)
  {
  }

  void set(KeyValue value, std::string after)
  {
    const toml::node* node = m_table.get(value.key);
    std::optional<std::string> before =
        node != nullptr ? std::optional<std::string>(value_text(m_doc, *node)) : std::nullopt;
    if (node != nullptr && before == after && same_type(*node, value)) {
      return;
    }
    if (node != nullptr && !same_type(*node, value)) {
      before = source_text(m_doc, node->source()); // shows the quotes that go
    }
    std::string key = value.key;
    m_plan.edits.push_back({m_id, std::move(key), before ? before : default_of(value.key),
                            std::move(after), std::move(value)});
  }

  void remove(const std::string& key)
  {
    if (auto before = current(key)) {
      m_plan.edits.push_back({m_id, key, std::move(before), std::nullopt, std::nullopt});
    }
  }

  std::optional<std::string> current(const std::string& key) const
  {
    const toml::node* node = m_table.get(key);
    return node != nullptr ? std::optional<std::string>(value_text(m_doc, *node)) : std::nullopt;
  }

private:
  std::string m_id;
  const TomlDocument& m_doc;
  const toml::table& m_table;
  EditPlan& m_plan;
};

// Dependencies that hold a milestone back: neither done nor cancelled (a
// cancelled prerequisite no longer holds anything back, as in `status`).
std::vector<std::string> open_dependencies(const MilestoneSet& set, const Milestone& m)
{
  std::vector<std::string> open;
  for (const auto& dep : m.depends_on) {
    const Milestone* d = set.find(dep);
    if (d == nullptr || d->is_open()) {
      open.push_back(dep);
    }
  }
  return open;
}

std::string quoted_list(const std::vector<std::string>& ids)
{
  std::vector<std::string> quoted;
  for (const auto& id : ids) {
    quoted.push_back(fmt::format("'{}'", id));
  }
  return fmt::format("{}", fmt::join(quoted, ", "));
}

// The done date recorded, even written as a string ("2025-04-01"), which
// the edit then writes as a TOML date.
std::optional<Date> recorded_done(const Milestone& m, const Editor& editor)
{
  if (m.done_on) {
    return m.done_on;
  }
  const auto text = editor.current("done");
  return text ? Date::parse(*text) : std::nullopt;
}

void check_done_date(const Milestone& m, const StatusEdit& edit)
{
  if (edit.on && edit.today < *edit.on) {
    throw Error(ExitCode::invalid_input,
                make_error("done-in-future",
                           fmt::format("cannot mark '{}' done on {}: that is after today, {}", m.id,
                                       edit.on->iso(), edit.today.iso()),
                           "a milestone is done on a day already passed; `residence check` "
                           "rejects a done date in the future"));
  }
}

void note_needless_force(const Milestone& m, const StatusEdit& edit, bool already_done,
                         EditPlan& plan)
{
  if (!edit.force) {
    return;
  }
  plan.notes.push_back(
      already_done
          ? fmt::format("--force was not needed: '{}' is already done; the reason was not recorded",
                        m.id)
          : fmt::format("--force was not needed: no dependency of '{}' is still open; the reason "
                        "was not recorded",
                        m.id));
}

void plan_done(const MilestoneSet& set, const Milestone& m, const toml::table& table,
               const StatusEdit& edit, EditPlan& plan)
{
  check_done_date(m, edit);
  // Only the step to done is guarded: a milestone already done may have its
  // date corrected, and the same command run again stays quiet.
  const bool already_done = m.status == MilestoneStatus::done;
  const std::vector<std::string> open =
      already_done ? std::vector<std::string> {} : open_dependencies(set, m);
  if (!open.empty() && !edit.force) {
    throw Error(
        ExitCode::usage,
        make_error(
            "dependencies-not-done",
            fmt::format("cannot mark '{}' done: it depends on {}, not done yet", m.id,
                        quoted_list(open)),
            "finish those first, or pass --force --reason TEXT to record why it is done anyway"));
  }
  Editor editor(set, m, table, plan);
  const Date done_on = edit.on.value_or(recorded_done(m, editor).value_or(edit.today));
  editor.set(string_value("status", "done"), "done");
  editor.set(date_value("done", done_on), done_on.iso());
  if (!open.empty()) {
    editor.set(string_value("forced_reason", edit.reason), edit.reason);
    plan.notes.push_back(fmt::format("forced past {}: {}", quoted_list(open), edit.reason));
  } else {
    note_needless_force(m, edit, already_done, plan);
  }
  plan.summary = fmt::format("Mark {} done on {}", m.id, done_on.iso());
}

const char* verb_for(MilestoneStatus status)
{
  switch (status) {
  case MilestoneStatus::active:
    return "Start";
  case MilestoneStatus::blocked:
    return "Block";
  case MilestoneStatus::cancelled:
    return "Cancel";
  case MilestoneStatus::planned:
    return "Plan";
  case MilestoneStatus::done:
    break;
  }
  return "Mark";
}

void plan_reopen(const MilestoneSet& set, const Milestone& m, const toml::table& table,
                 const StatusEdit& edit, EditPlan& plan)
{
  Editor editor(set, m, table, plan);
  const std::string status(status_name(edit.status));
  editor.set(string_value("status", status), status);
  if (edit.status == MilestoneStatus::active && edit.on) {
    editor.set(date_value("start", *edit.on), edit.on->iso());
  }
  if (m.status == MilestoneStatus::done) {
    // A done date on a milestone that is not done is contradictory.
    editor.remove("done");
    editor.remove("forced_reason");
  }
  plan.summary = fmt::format("{} {}", verb_for(edit.status), m.id);
}

Date resolve_target(const Milestone& m, const MoveEdit& edit)
{
  if (edit.to) {
    return *edit.to;
  }
  std::string error;
  const auto shifted = shift_date(m.due, edit.by, error);
  if (!shifted) {
    throw Error(ExitCode::usage, make_error("usage", fmt::format("--by: {}", error)));
  }
  return *shifted;
}

void shift(const MilestoneSet& set, TableFinder& tables, const Milestone& m, long days,
           EditPlan& plan)
{
  Editor editor(set, m, tables.of(m), plan);
  const Date due = m.due.add_days(days);
  editor.set(date_value("due", due), due.iso());
  if (m.start) {
    const Date start = m.start->add_days(days);
    editor.set(date_value("start", start), start.iso());
  }
  plan.milestones.push_back(m.id);
}

using Dependants = std::unordered_map<std::string_view, std::vector<const Milestone*>>;

// Who depends on whom, built once: asking each milestone in turn would be
// quadratic on a large calendar.
Dependants dependants_index(const MilestoneSet& set)
{
  Dependants index;
  for (const auto& m : set.milestones) {
    for (const auto& dep : m.depends_on) {
      index[dep].push_back(&m);
    }
  }
  return index;
}

// Every milestone that depends on `root`, directly or not, visited once in
// breadth-first order. The open ones move; a done or cancelled one stays where
// it is, but the open milestones that depend on it move all the same.
void cascade(const MilestoneSet& set, TableFinder& tables, const Milestone& root, long days,
             EditPlan& plan)
{
  const Dependants dependants = dependants_index(set);
  std::set<std::string_view> seen {root.id};
  std::deque<const Milestone*> queue {&root};
  std::vector<std::string> passed;
  while (!queue.empty()) {
    const Milestone* current = queue.front();
    queue.pop_front();
    const auto found = dependants.find(current->id);
    if (found == dependants.end()) {
      continue;
    }
    for (const Milestone* d : found->second) {
      if (!seen.insert(d->id).second) {
        continue;
      }
      if (d->is_open()) {
        shift(set, tables, *d, days, plan);
      } else {
        passed.push_back(fmt::format("'{}' ({})", d->id, status_name(d->status)));
      }
      queue.push_back(d);
    }
  }
  if (!passed.empty()) {
    plan.notes.push_back(fmt::format("{} {} where {}; the open milestones after {} moved",
                                     fmt::join(passed, ", "), passed.size() == 1 ? "stays" : "stay",
                                     passed.size() == 1 ? "it is" : "they are",
                                     passed.size() == 1 ? "it" : "them"));
  }
}

void warn_dependants_before(const MilestoneSet& set, const Milestone& m, Date due, EditPlan& plan)
{
  for (const Milestone* d : dependants_of(set, m)) {
    if (d->is_open() && d->due < due) {
      plan.notes.push_back(
          fmt::format("'{}' depends on '{}' but is due earlier, on {}; --cascade moves it too",
                      d->id, m.id, d->due.iso()));
    }
  }
}

std::string signed_days(long days)
{
  return fmt::format("{:+} day{}", days, days == 1 || days == -1 ? "" : "s");
}

void check_new_milestone(const MilestoneSet& set, const AddEdit& edit)
{
  if (!is_valid_id(edit.id)) {
    throw Error(
        ExitCode::usage,
        make_error("invalid-id",
                   fmt::format("milestone id '{}' may hold only lowercase letters, digits and '-'",
                               edit.id)));
  }
  if (const Milestone* other = set.find(edit.id)) {
    throw Error(ExitCode::usage,
                make_error("duplicate-id", fmt::format("milestone id '{}' is already used at {}",
                                                       edit.id, set.where(other->source))));
  }
  if (edit.title.empty()) {
    throw Error(ExitCode::usage, make_error("usage", "a milestone needs a title"));
  }
  if (!set.phases.empty() && set.find_phase(edit.phase) == nullptr) {
    std::vector<std::string> phases;
    for (const auto& p : set.phases) {
      phases.push_back(p.id);
    }
    throw Error(ExitCode::usage,
                make_error("unknown-phase", fmt::format("no phase '{}'", edit.phase),
                           did_you_mean(edit.phase, phases)));
  }
  for (const auto& dep : edit.depends_on) {
    if (set.find(dep) == nullptr) {
      throw Error(ExitCode::usage, make_error("unknown-dependency",
                                              fmt::format("no milestone '{}' to depend on", dep),
                                              did_you_mean(dep, milestone_ids(set))));
    }
  }
  if (edit.start && *edit.start > edit.due) {
    throw Error(ExitCode::usage,
                make_error("start-after-due", fmt::format("the start {} is after the due date {}",
                                                          edit.start->iso(), edit.due.iso())));
  }
}

// The title without the blanks around it, each dependency once.
AddEdit tidied(AddEdit edit)
{
  edit.title = std::string(trim_blanks(edit.title));
  std::vector<std::string> unique;
  for (auto& dep : edit.depends_on) {
    if (std::find(unique.begin(), unique.end(), dep) == unique.end()) {
      unique.push_back(std::move(dep));
    }
  }
  edit.depends_on = std::move(unique);
  return edit;
}

std::vector<KeyValue> new_keys(const AddEdit& edit)
{
  std::vector<KeyValue> keys {string_value("id", edit.id), string_value("title", edit.title),
                              string_value("phase", edit.phase)};
  if (edit.kind) {
    keys.push_back(string_value("kind", kind_name(*edit.kind)));
  }
  if (edit.start) {
    keys.push_back(date_value("start", *edit.start));
  }
  keys.push_back(date_value("due", edit.due));
  keys.push_back(string_value("status", "planned"));
  if (!edit.owner.empty()) {
    keys.push_back(string_value("owner", edit.owner));
  }
  if (!edit.depends_on.empty()) {
    keys.push_back(strings_value("depends_on", edit.depends_on));
  }
  if (!edit.note.empty()) {
    keys.push_back(string_value("note", edit.note));
  }
  return keys;
}

} // namespace

EditPlan plan_status(const MilestoneSet& set, std::string_view id, const StatusEdit& edit)
{
  const Milestone& m = require_milestone(set, id);
  TableFinder tables(set);
  EditPlan plan;
  plan.milestones.push_back(m.id);
  if (edit.status == MilestoneStatus::done) {
    plan_done(set, m, tables.of(m), edit, plan);
  } else {
    plan_reopen(set, m, tables.of(m), edit, plan);
  }
  return plan;
}

EditPlan plan_move(const MilestoneSet& set, std::string_view id, const MoveEdit& edit)
{
  const Milestone& m = require_milestone(set, id);
  const Date to = resolve_target(m, edit);
  const long days = days_between(m.due, to);
  TableFinder tables(set);
  EditPlan plan;
  shift(set, tables, m, days, plan);
  if (edit.cascade) {
    cascade(set, tables, m, days, plan);
  } else {
    warn_dependants_before(set, m, to, plan);
  }
  const std::size_t others = plan.milestones.size() - 1;
  plan.summary = fmt::format(
      "Move {} to {} ({}){}", m.id, to.iso(), signed_days(days),
      others == 0 ? std::string {}
                  : fmt::format(", with {} dependant{}", others, others == 1 ? "" : "s"));
  return plan;
}

EditPlan plan_add(const MilestoneSet& set, const AddEdit& asked)
{
  const AddEdit edit = tidied(asked);
  if (edit.file < set.documents.size() && writes_inline_milestones(set.documents[edit.file])) {
    const std::string& file = set.documents[edit.file].display;
    throw Error(ExitCode::invalid_input,
                make_error("inline-milestones",
                           fmt::format("{} writes its milestones as an inline array "
                                       "(milestone = [{{ ... }}]), which add does not extend",
                                       file),
                           "add a [[milestone]] table by hand, or convert the file to "
                           "[[milestone]] tables"));
  }
  check_new_milestone(set, edit);
  EditPlan plan;
  plan.milestones.push_back(edit.id);
  plan.added = NewMilestone {edit.file, edit.id, edit.phase, new_keys(edit)};
  plan.summary = fmt::format("Add milestone {}: {}", edit.id, edit.title);
  return plan;
}

std::string mint_id(std::string_view title, const std::function<bool(const std::string&)>& taken,
                    const std::function<std::uint32_t()>& random)
{
  std::string slug = slugify(title);
  if (slug.size() > k_max_slug) {
    slug.resize(k_max_slug);
  }
  while (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  if (slug.empty()) {
    slug = "milestone";
  }
  if (!taken(slug)) {
    return slug;
  }
  for (;;) {
    const std::string candidate = fmt::format("{}-{:04x}", slug, random() & 0xffffu);
    if (!taken(candidate)) {
      return candidate;
    }
  }
}

std::vector<TomlDocument> apply_plan(const MilestoneSet& set, const EditPlan& plan)
{
  // Every change is a splice computed on the text as read, all applied in one
  // pass, then each file parsed once: a cascade over thousands of milestones
  // stays linear. Unchanged files are parsed again too, rather than copied: a
  // copied toml++ table forgets the source positions that later edits need.
  TableFinder tables(set);
  std::vector<std::vector<Splice>> splices(set.documents.size());
  for (const auto& edit : plan.edits) {
    const Milestone& m = *set.find(edit.id);
    const TomlDocument& doc = set.documents[m.source.file];
    if (edit.value) {
      splices[m.source.file].push_back(set_key_splice(doc, tables.of(m), *edit.value));
    } else if (auto splice = remove_key_splice(doc, tables.of(m), edit.key)) {
      splices[m.source.file].push_back(std::move(*splice));
    }
  }
  std::vector<TomlDocument> documents;
  for (std::size_t i = 0; i < set.documents.size(); ++i) {
    const TomlDocument& doc = set.documents[i];
    documents.push_back(
        with_text(doc, splices[i].empty() ? doc.text : apply_splices(doc.text, splices[i])));
  }
  if (plan.added) {
    TomlDocument& doc = documents.at(plan.added->file);
    doc = with_text(doc, append_milestone(doc, plan.added->phase, plan.added->keys));
  }
  return documents;
}

} // namespace residence
