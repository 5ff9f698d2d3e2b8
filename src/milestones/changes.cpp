#include "milestones/changes.h"

#include <algorithm>
#include <deque>
#include <set>

#include <fmt/format.h>

#include "diagnostics/suggest.h"
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

// Collects the edits of one milestone, leaving out keys already right.
class Editor {
public:
  Editor(const MilestoneSet& set, const Milestone& m, EditPlan& plan)
      : m_id(m.id), m_doc(set.documents[m.source.file]), m_table(*milestone_table(m_doc, m.id)),
        m_plan(plan)
  {
  }

  void set(KeyValue value, std::string after)
  {
    const std::optional<std::string> before = current(value.key);
    if (before == after) {
      return;
    }
    std::string key = value.key;
    m_plan.edits.push_back({m_id, std::move(key), before, std::move(after), std::move(value)});
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

std::vector<std::string> open_dependencies(const MilestoneSet& set, const Milestone& m)
{
  std::vector<std::string> open;
  for (const auto& dep : m.depends_on) {
    const Milestone* d = set.find(dep);
    if (d == nullptr || d->status != MilestoneStatus::done) {
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

void plan_done(const MilestoneSet& set, const Milestone& m, const StatusEdit& edit, EditPlan& plan)
{
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
  Editor editor(set, m, plan);
  const Date done_on = edit.on.value_or(m.done_on.value_or(edit.today));
  editor.set(string_value("status", "done"), "done");
  editor.set(date_value("done", done_on), done_on.iso());
  if (!open.empty()) {
    editor.set(string_value("forced_reason", edit.reason), edit.reason);
    plan.notes.push_back(fmt::format("forced past {}: {}", quoted_list(open), edit.reason));
  } else if (edit.force && !already_done) {
    plan.notes.push_back("nothing to force: every dependency is done; no reason recorded");
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

void plan_reopen(const MilestoneSet& set, const Milestone& m, const StatusEdit& edit,
                 EditPlan& plan)
{
  Editor editor(set, m, plan);
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

void shift(const MilestoneSet& set, const Milestone& m, long days, EditPlan& plan)
{
  Editor editor(set, m, plan);
  const Date due = m.due.add_days(days);
  editor.set(date_value("due", due), due.iso());
  if (m.start) {
    const Date start = m.start->add_days(days);
    editor.set(date_value("start", start), start.iso());
  }
  plan.milestones.push_back(m.id);
}

// Open milestones that depend on `root`, directly or not, each moved once.
void cascade(const MilestoneSet& set, const Milestone& root, long days, EditPlan& plan)
{
  std::set<std::string> seen {root.id};
  std::deque<const Milestone*> queue {&root};
  while (!queue.empty()) {
    const Milestone* current = queue.front();
    queue.pop_front();
    for (const Milestone* d : dependants_of(set, *current)) {
      if (!seen.insert(d->id).second) {
        continue;
      }
      if (!d->is_open()) {
        plan.notes.push_back(fmt::format("'{}' is {}: not moved", d->id, status_name(d->status)));
        continue;
      }
      shift(set, *d, days, plan);
      queue.push_back(d);
    }
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
  EditPlan plan;
  plan.milestones.push_back(m.id);
  if (edit.status == MilestoneStatus::done) {
    plan_done(set, m, edit, plan);
  } else {
    plan_reopen(set, m, edit, plan);
  }
  return plan;
}

EditPlan plan_move(const MilestoneSet& set, std::string_view id, const MoveEdit& edit)
{
  const Milestone& m = require_milestone(set, id);
  const Date to = resolve_target(m, edit);
  const long days = days_between(m.due, to);
  EditPlan plan;
  shift(set, m, days, plan);
  if (edit.cascade) {
    cascade(set, m, days, plan);
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

EditPlan plan_add(const MilestoneSet& set, const AddEdit& edit)
{
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
  // Parsed again rather than copied: a copied toml++ table forgets the
  // source positions that the splicing needs.
  std::vector<TomlDocument> documents;
  for (const auto& doc : set.documents) {
    documents.push_back(with_text(doc, doc.text));
  }
  for (const auto& edit : plan.edits) {
    TomlDocument& doc = documents[set.find(edit.id)->source.file];
    std::string text =
        edit.value ? set_key(doc, edit.id, *edit.value) : remove_key(doc, edit.id, edit.key);
    doc = with_text(doc, std::move(text));
  }
  if (plan.added) {
    TomlDocument& doc = documents.at(plan.added->file);
    doc = with_text(doc, append_milestone(doc, plan.added->phase, plan.added->keys));
  }
  return documents;
}

} // namespace residence
