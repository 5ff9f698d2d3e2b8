#include "milestones/history.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "milestones/edit.h"

namespace residence {

namespace {

constexpr long k_seconds_per_day = 86400;

using Fields = std::vector<std::pair<std::string, std::string>>;

const std::string* field_of(const Fields& fields, std::string_view key)
{
  for (const auto& [k, v] : fields) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

std::optional<std::string> optional_field(const Fields& fields, std::string_view key)
{
  const std::string* value = field_of(fields, key);
  return value != nullptr ? std::optional<std::string>(*value) : std::nullopt;
}

// Children in the order they are written, not the alphabetical order toml++ keeps.
std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& table)
{
  std::vector<std::pair<std::string, const toml::node*>> children;
  for (const auto& [key, node] : table) {
    children.emplace_back(std::string(key.str()), &node);
  }
  std::sort(children.begin(), children.end(), [](const auto& a, const auto& b) {
    const auto& x = a.second->source().begin;
    const auto& y = b.second->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return children;
}

void flatten(const TomlDocument& doc, const toml::table& table, const std::string& prefix,
             Fields& fields)
{
  for (const auto& [key, node] : in_file_order(table)) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    if (const toml::table* sub = node->as_table()) {
      flatten(doc, *sub, name, fields);
    } else {
      fields.emplace_back(name, value_text(doc, *node));
    }
  }
}

void normalise(Fields& fields)
{
  fields.erase(
      std::remove_if(fields.begin(), fields.end(),
                     [](const auto& f) { return f.first == "depends_on" && f.second.empty(); }),
      fields.end());
  if (field_of(fields, "status") == nullptr) {
    fields.emplace_back("status", "planned");
  }
  if (field_of(fields, "kind") == nullptr) {
    fields.emplace_back("kind", "milestone");
  }
}

std::string title_of(const MilestoneRecord& record)
{
  return optional_field(record.fields, "title").value_or("");
}

void compare_fields(const MilestoneRecord& before, const MilestoneRecord& after,
                    std::vector<FieldChange>& out)
{
  std::vector<std::string> keys;
  for (const auto& [key, value] : after.fields) {
    keys.push_back(key);
  }
  for (const auto& [key, value] : before.fields) {
    if (field_of(after.fields, key) == nullptr) {
      keys.push_back(key);
    }
  }
  for (const auto& key : keys) {
    auto old_value = optional_field(before.fields, key);
    auto new_value = optional_field(after.fields, key);
    if (old_value != new_value) {
      out.push_back(
          {ChangeKind::changed, after.id, key, std::move(old_value), std::move(new_value)});
    }
  }
}

std::string oid_text(const git_oid& id)
{
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof text, &id);
  return text;
}

Date local_date(std::int64_t time, int offset_minutes)
{
  const std::int64_t local = time + static_cast<std::int64_t>(offset_minutes) * 60;
  std::int64_t days = local / k_seconds_per_day;
  if (local % k_seconds_per_day < 0) {
    --days;
  }
  return Date::from_serial(static_cast<long>(days));
}

std::string subject_of(const git_commit* commit)
{
  const char* summary = git_commit_summary(const_cast<git_commit*>(commit));
  return summary != nullptr ? summary : "";
}

std::string join_path(const std::string& prefix, const std::string& relative)
{
  return prefix.empty() ? relative : prefix + "/" + relative;
}

// Reads the milestone files of commits, parsing each distinct version once.
class SnapshotReader {
public:
  SnapshotReader(git_repository* repo, std::string prefix)
      : m_repo(repo), m_prefix(std::move(prefix))
  {
  }

  // Nothing when the commit's manifest or milestone files do not parse.
  const std::optional<MilestoneSnapshot>& snapshot(const git_commit* commit)
  {
    const std::string commit_id = oid_text(*git_commit_id(commit));
    if (auto found = m_by_commit.find(commit_id); found != m_by_commit.end()) {
      return *found->second;
    }
    const std::optional<MilestoneSnapshot>& result = read(commit);
    m_by_commit.emplace(commit_id, &result);
    return result;
  }

  // The snapshot of `commit`, or of its nearest first-parent ancestor that
  // parses; empty before the first commit.
  const MilestoneSnapshot& readable(Commit commit)
  {
    while (commit) {
      if (const auto& snap = snapshot(commit.get())) {
        return *snap;
      }
      commit = git_commit_parentcount(commit.get()) > 0 ? parent_of(commit.get(), 0) : Commit();
    }
    return m_empty;
  }

  // Paths and blob ids of the milestone files at a commit; nothing when the
  // manifest does not parse. No manifest: no files.
  std::optional<std::vector<std::pair<std::string, std::optional<git_oid>>>>
  files(const git_commit* commit)
  {
    const Tree tree = tree_of(commit);
    const auto manifest_id = file_id(tree.get(), join_path(m_prefix, k_manifest_name));
    if (!manifest_id) {
      return std::vector<std::pair<std::string, std::optional<git_oid>>> {};
    }
    const auto& paths = milestone_paths(*manifest_id);
    if (!paths) {
      return std::nullopt;
    }
    std::vector<std::pair<std::string, std::optional<git_oid>>> out;
    for (const auto& path : *paths) {
      out.emplace_back(path, file_id(tree.get(), join_path(m_prefix, path)));
    }
    return out;
  }

private:
  const std::optional<MilestoneSnapshot>& read(const git_commit* commit)
  {
    const auto paths = files(commit);
    if (!paths) {
      return m_unreadable;
    }
    std::string key;
    for (const auto& [path, id] : *paths) {
      key += fmt::format("{}={};", path, id ? oid_text(*id) : "-");
    }
    auto [slot, inserted] = m_snapshots.try_emplace(key);
    if (inserted) {
      slot->second = parse(*paths);
    }
    return slot->second;
  }

  std::optional<MilestoneSnapshot>
  parse(const std::vector<std::pair<std::string, std::optional<git_oid>>>& paths)
  {
    std::vector<TomlDocument> documents;
    try {
      for (const auto& [path, id] : paths) {
        if (id) {
          documents.push_back(parse_toml(read_blob(m_repo, *id), path, path));
        }
      }
    } catch (const Error&) {
      return std::nullopt;
    }
    return snapshot_of(documents);
  }

  const std::optional<std::vector<std::string>>& milestone_paths(const git_oid& manifest_id)
  {
    auto [slot, inserted] = m_manifests.try_emplace(oid_text(manifest_id));
    if (inserted) {
      try {
        const TomlDocument doc =
            parse_toml(read_blob(m_repo, manifest_id), k_manifest_name, k_manifest_name);
        std::vector<Diagnostic> ignored;
        slot->second = read_manifest(doc, ignored).milestone_files;
      } catch (const Error&) {
        slot->second = std::nullopt;
      }
    }
    return slot->second;
  }

  git_repository* m_repo;
  std::string m_prefix;
  std::map<std::string, std::optional<std::vector<std::string>>> m_manifests;
  std::map<std::string, std::optional<MilestoneSnapshot>> m_snapshots;
  std::map<std::string, const std::optional<MilestoneSnapshot>*> m_by_commit;
  const std::optional<MilestoneSnapshot> m_unreadable;
  const MilestoneSnapshot m_empty;
};

Revwalk walk_from_head(git_repository* repo, bool& empty)
{
  git_revwalk* raw = nullptr;
  git_check(git_revwalk_new(&raw, repo), "walk the history");
  Revwalk walk(raw);
  git_check(git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME),
            "sort the history");
  const int rc = git_revwalk_push_head(walk.get());
  empty = rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND;
  if (!empty) {
    git_check(rc, "read HEAD");
  }
  return walk;
}

bool same_change(const FieldChange& a, const FieldChange& b)
{
  return a.kind == b.kind && a.milestone == b.milestone && a.field == b.field && a.after == b.after;
}

// What a commit changed. For a merge, only what differs from every parent:
// the rest was already told by the commits of the branches it joins.
std::vector<FieldChange> changes_of(SnapshotReader& reader, const git_commit* commit,
                                    const MilestoneSnapshot& after)
{
  const unsigned parents = git_commit_parentcount(commit);
  if (parents == 0) {
    return compare_snapshots({}, after);
  }
  std::vector<FieldChange> changes =
      compare_snapshots(reader.readable(parent_of(commit, 0)), after);
  for (unsigned i = 1; i < parents && !changes.empty(); ++i) {
    const std::vector<FieldChange> other =
        compare_snapshots(reader.readable(parent_of(commit, i)), after);
    changes.erase(std::remove_if(changes.begin(), changes.end(),
                                 [&](const FieldChange& c) {
                                   return std::none_of(
                                       other.begin(), other.end(),
                                       [&](const FieldChange& o) { return same_change(c, o); });
                                 }),
                  changes.end());
  }
  return changes;
}

HistoryEntry entry_for(const git_commit* commit, FieldChange change)
{
  const git_signature* author = git_commit_author(commit);
  HistoryEntry entry;
  entry.commit = oid_text(*git_commit_id(commit));
  entry.subject = subject_of(commit);
  entry.author = author->name != nullptr ? author->name : "";
  entry.email = author->email != nullptr ? author->email : "";
  entry.time = author->when.time;
  entry.offset_minutes = author->when.offset;
  entry.date = local_date(entry.time, entry.offset_minutes);
  entry.change = std::move(change);
  return entry;
}

Commit lookup(git_repository* repo, const git_oid& id)
{
  git_commit* raw = nullptr;
  git_check(git_commit_lookup(&raw, repo, &id), "read a commit");
  return Commit(raw);
}

} // namespace

MilestoneSnapshot snapshot_of(const std::vector<TomlDocument>& documents)
{
  MilestoneSnapshot snapshot;
  for (const auto& doc : documents) {
    const toml::array* array = doc.root["milestone"].as_array();
    if (array == nullptr) {
      continue;
    }
    for (const auto& element : *array) {
      const toml::table* table = element.as_table();
      const auto id = table != nullptr ? (*table)["id"].value<std::string>() : std::nullopt;
      const bool seen = id && std::any_of(snapshot.begin(), snapshot.end(),
                                          [&](const MilestoneRecord& r) { return r.id == *id; });
      if (!id || seen) {
        continue;
      }
      MilestoneRecord record {*id, {}};
      flatten(doc, *table, "", record.fields);
      normalise(record.fields);
      snapshot.push_back(std::move(record));
    }
  }
  return snapshot;
}

std::vector<FieldChange> compare_snapshots(const MilestoneSnapshot& before,
                                           const MilestoneSnapshot& after)
{
  std::map<std::string_view, const MilestoneRecord*> old_records;
  for (const auto& record : before) {
    old_records.emplace(record.id, &record);
  }
  std::vector<FieldChange> changes;
  for (const auto& record : after) {
    const auto found = old_records.find(record.id);
    if (found == old_records.end()) {
      changes.push_back({ChangeKind::added, record.id, "", std::nullopt, title_of(record)});
    } else {
      compare_fields(*found->second, record, changes);
      old_records.erase(found);
    }
  }
  for (const auto& record : before) {
    if (old_records.count(record.id) != 0) {
      changes.push_back({ChangeKind::removed, record.id, "", title_of(record), std::nullopt});
    }
  }
  return changes;
}

History read_history(git_repository* repo, const std::string& prefix, const HistoryQuery& query)
{
  History history;
  bool empty = false;
  Revwalk walk = walk_from_head(repo, empty);
  if (empty) {
    return history;
  }
  SnapshotReader reader(repo, prefix);
  git_oid id;
  while (git_revwalk_next(&id, walk.get()) == 0) {
    const Commit commit = lookup(repo, id);
    ++history.commits;
    const auto& snapshot = reader.snapshot(commit.get());
    if (!snapshot) {
      continue; // a commit whose files do not parse tells nothing; its child is compared past it
    }
    for (const auto& record : *snapshot) {
      history.ids.insert(record.id);
    }
    const git_signature* author = git_commit_author(commit.get());
    if (query.since && local_date(author->when.time, author->when.offset) < *query.since) {
      continue;
    }
    for (auto& change : changes_of(reader, commit.get(), *snapshot)) {
      if (!query.milestone || change.milestone == *query.milestone) {
        history.entries.push_back(entry_for(commit.get(), std::move(change)));
      }
    }
  }
  return history;
}

std::vector<std::string> milestone_texts_in_history(git_repository* repo, const std::string& prefix)
{
  bool empty = false;
  Revwalk walk = walk_from_head(repo, empty);
  std::vector<std::string> texts;
  if (empty) {
    return texts;
  }
  SnapshotReader reader(repo, prefix);
  std::set<std::string> seen;
  git_oid id;
  while (git_revwalk_next(&id, walk.get()) == 0) {
    const auto files = reader.files(lookup(repo, id).get());
    if (!files) {
      continue;
    }
    for (const auto& [path, blob] : *files) {
      if (blob && seen.insert(oid_text(*blob)).second) {
        texts.push_back(read_blob(repo, *blob));
      }
    }
  }
  return texts;
}

Revision load_revision(git_repository* repo, const std::string& prefix, const std::string& revision,
                       std::vector<Diagnostic>& problems)
{
  const Commit commit = resolve_commit(repo, revision);
  const Tree tree = tree_of(commit.get());
  Revision out;
  out.commit = oid_text(*git_commit_id(commit.get()));
  out.subject = subject_of(commit.get());
  const git_signature* author = git_commit_author(commit.get());
  out.date = local_date(author->when.time, author->when.offset);

  const auto display = [&](const std::string& path) {
    return fmt::format("{}:{}", revision, path);
  };
  const std::string manifest_path = join_path(prefix, k_manifest_name);
  const auto manifest_id = file_id(tree.get(), manifest_path);
  if (!manifest_id) {
    throw Error(ExitCode::invalid_input,
                make_error("not-a-workspace",
                           fmt::format("revision {} has no {}", revision, manifest_path)));
  }
  const TomlDocument manifest =
      parse_toml(read_blob(repo, *manifest_id), manifest_path, display(manifest_path));
  out.manifest = read_manifest(manifest, problems);

  std::vector<TomlDocument> documents;
  for (const auto& relative : out.manifest.milestone_files) {
    const std::string path = join_path(prefix, relative);
    const auto id = file_id(tree.get(), path);
    if (!id) {
      Diagnostic d = make_error("file-missing", fmt::format("{} does not exist", display(path)));
      d.file = display(path);
      throw Error(ExitCode::invalid_input, d);
    }
    documents.push_back(parse_toml(read_blob(repo, *id), path, display(path)));
  }
  out.set = read_milestones(std::move(documents), problems);
  return out;
}

} // namespace residence
