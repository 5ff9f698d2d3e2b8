#include "milestones/history.h"

#include <algorithm>
#include <map>
#include <queue>
#include <unordered_map>

#include <fmt/format.h>

#include "milestones/edit.h"

namespace residence {

namespace {

constexpr long k_seconds_per_day = 86400;

using Fields = std::vector<std::pair<std::string, std::string>>;

struct CommitOrder {
  std::vector<git_oid> commits;
  std::vector<git_oid> boundary; // held, but not their parents (shallow clone)
};

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

Commit lookup(git_repository* repo, const git_oid& id)
{
  git_commit* raw = nullptr;
  git_check(git_commit_lookup(&raw, repo, &id), "read a commit");
  return Commit(raw);
}

// A parent of `commit`, or nothing when a shallow clone does not hold it.
Commit present_parent(const git_commit* commit, unsigned index)
{
  git_commit* raw = nullptr;
  const int rc = git_commit_parent(&raw, commit, index);
  if (rc == GIT_ENOTFOUND) {
    return Commit();
  }
  git_check(rc, "read the parent of a commit");
  return Commit(raw);
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

  // The snapshot of `commit`, or of its nearest first-parent ancestor whose
  // milestones can be read; empty before the first commit. Nothing when the
  // search reaches a commit that a shallow clone does not hold (or `commit`
  // is one): what came before is unknown.
  const MilestoneSnapshot* readable(Commit commit)
  {
    while (commit) {
      if (const auto& snap = snapshot(commit.get())) {
        return &*snap;
      }
      if (git_commit_parentcount(commit.get()) == 0) {
        return &m_empty;
      }
      commit = present_parent(commit.get(), 0);
    }
    return nullptr;
  }

  // Paths and blob ids of the milestone files at a commit; nothing when the
  // commit has no manifest or one that does not parse.
  std::optional<std::vector<std::pair<std::string, std::optional<git_oid>>>>
  files(const git_commit* commit)
  {
    const Tree tree = tree_of(commit);
    const auto manifest_id = file_id(tree.get(), join_path(m_prefix, k_manifest_name));
    if (!manifest_id) {
      return std::nullopt;
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
  // Nothing when the manifest is missing or does not parse, or names a file
  // that the commit does not hold (a file renamed before the manifest was
  // updated): such a commit tells nothing, rather than "all removed".
  const std::optional<MilestoneSnapshot>& read(const git_commit* commit)
  {
    const auto paths = files(commit);
    if (!paths || std::any_of(paths->begin(), paths->end(),
                              [](const auto& file) { return !file.second.has_value(); })) {
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
        documents.push_back(parse_toml(read_blob(m_repo, *id), path, path));
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

std::string oid_key(const git_oid& id)
{
  return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}

// The commits of a shallow clone, which libgit2 1.5 cannot walk: every commit
// held, children before parents, newest first among those ready (as git's
// --topo-order does), and the commits whose parents are missing.
CommitOrder shallow_order(git_repository* repo, const git_oid& head)
{
  git_odb* raw_odb = nullptr;
  git_check(git_repository_odb(&raw_odb, repo), "open the object database");
  const Odb odb(raw_odb);
  struct Node {
    git_oid id;
    std::int64_t time = 0;
    std::vector<std::string> parents;
    int children = 0;
  };
  std::unordered_map<std::string, Node> nodes;
  CommitOrder order;
  std::vector<git_oid> stack {head};
  while (!stack.empty()) {
    const git_oid id = stack.back();
    stack.pop_back();
    if (nodes.count(oid_key(id)) != 0) {
      continue;
    }
    const Commit commit = lookup(repo, id);
    Node node {id, git_commit_time(commit.get()), {}, 0};
    bool boundary = false;
    for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
      const git_oid* parent = git_commit_parent_id(commit.get(), i);
      if (git_odb_exists(odb.get(), parent) == 0) {
        boundary = true;
        continue;
      }
      node.parents.push_back(oid_key(*parent));
      stack.push_back(*parent);
    }
    if (boundary) {
      order.boundary.push_back(id);
    }
    nodes.emplace(oid_key(id), std::move(node));
  }
  for (const auto& [key, node] : nodes) {
    for (const auto& parent : node.parents) {
      ++nodes.at(parent).children;
    }
  }
  const auto older = [](const Node* a, const Node* b) { return a->time < b->time; };
  std::priority_queue<const Node*, std::vector<const Node*>, decltype(older)> ready(older);
  ready.push(&nodes.at(oid_key(head)));
  while (!ready.empty()) {
    const Node* node = ready.top();
    ready.pop();
    order.commits.push_back(node->id);
    for (const auto& parent : node->parents) {
      Node& p = nodes.at(parent);
      if (--p.children == 0) {
        ready.push(&p);
      }
    }
  }
  return order;
}

// The commits reachable from HEAD, newest first, children before parents;
// none when HEAD has no commit yet.
CommitOrder commits_from_head(git_repository* repo)
{
  CommitOrder order;
  git_oid head;
  const int rc = git_reference_name_to_id(&head, repo, "HEAD");
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
    return order;
  }
  git_check(rc, "read HEAD");
  if (git_repository_is_shallow(repo) == 1) {
    return shallow_order(repo, head);
  }
  git_revwalk* raw = nullptr;
  git_check(git_revwalk_new(&raw, repo), "walk the history");
  Revwalk walk(raw);
  git_check(git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME),
            "sort the history");
  git_check(git_revwalk_push(walk.get(), &head), "read HEAD");
  git_oid id;
  int next = 0;
  while ((next = git_revwalk_next(&id, walk.get())) == 0) {
    order.commits.push_back(id);
  }
  if (next != GIT_ITEROVER) {
    git_check(next, "walk the history");
  }
  return order;
}

std::vector<std::string> short_ids(const std::vector<git_oid>& ids)
{
  std::vector<std::string> out;
  for (const auto& id : ids) {
    out.push_back(short_id(id));
  }
  return out;
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
  const MilestoneSnapshot* first = reader.readable(present_parent(commit, 0));
  if (first == nullptr) {
    return {}; // the first commit of a shallow clone: what it changed is unknown
  }
  std::vector<FieldChange> changes = compare_snapshots(*first, after);
  for (unsigned i = 1; i < parents && !changes.empty(); ++i) {
    const MilestoneSnapshot* parent = reader.readable(present_parent(commit, i));
    if (parent == nullptr) {
      return {};
    }
    const std::vector<FieldChange> other = compare_snapshots(*parent, after);
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
  const CommitOrder order = commits_from_head(repo);
  history.shallow_from = short_ids(order.boundary);
  SnapshotReader reader(repo, prefix);
  for (const git_oid& id : order.commits) {
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

MilestoneTexts milestone_texts_in_history(git_repository* repo, const std::string& prefix)
{
  const CommitOrder order = commits_from_head(repo);
  MilestoneTexts out;
  out.shallow_from = short_ids(order.boundary);
  SnapshotReader reader(repo, prefix);
  std::set<std::string> seen;
  for (const git_oid& id : order.commits) {
    const auto files = reader.files(lookup(repo, id).get());
    if (!files) {
      continue;
    }
    for (const auto& [path, blob] : *files) {
      if (blob && seen.insert(oid_text(*blob)).second) {
        out.texts.push_back(read_blob(repo, *blob));
      }
    }
  }
  return out;
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
