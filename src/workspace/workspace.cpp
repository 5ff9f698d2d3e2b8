#include "workspace/workspace.h"

#include <algorithm>

#include <fmt/format.h>

#include "io/toml_fields.h"

namespace residence {

namespace {

std::optional<std::string> read_file_entry(FieldReader& files, const char* key)
{
  auto value = files.optional_string(key);
  if (value && !stays_inside(*value)) {
    files.problem(key, "path-outside", fmt::format("{} '{}' leaves the workspace", key, *value),
                  "paths in residence.toml are relative to the folder that holds it");
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> read_milestone_files(FieldReader& files)
{
  std::vector<std::string> paths = files.string_or_strings("milestones");
  if (paths.empty()) {
    files.problem_here("manifest-no-milestones", "residence.toml names no milestones file",
                       "add `milestones = [\"calendrier/jalons.toml\"]` under [files]");
  }
  std::vector<std::string> kept;
  for (const auto& path : paths) {
    const std::string normal = fs::path(path).lexically_normal().generic_string();
    if (std::find(kept.begin(), kept.end(), normal) != kept.end()) {
      files.problem("milestones", "path-listed-twice", fmt::format("milestones file '{}' is listed twice", path));
    } else if (stays_inside(path)) {
      kept.push_back(normal);
    } else {
      files.problem("milestones", "path-outside",
                    fmt::format("milestones file '{}' leaves the workspace", path));
    }
  }
  return kept;
}

// A path written inside the workspace may still lead out through a symbolic
// link; edits would then write outside it.
void check_links_stay_inside(const Workspace& ws, std::vector<Diagnostic>& problems)
{
  std::vector<std::string> paths = ws.manifest.milestone_files;
  for (const auto* optional : {&ws.manifest.budget_file, &ws.manifest.indicators_file}) {
    if (*optional) {
      paths.push_back(**optional);
    }
  }
  for (const auto& path : paths) {
    if (!resolves_inside(ws.root, path)) {
      Diagnostic d = make_error("path-outside",
                                fmt::format("'{}' leads outside the workspace through a symbolic link", path),
                                "keep the workspace's files inside its folder");
      d.file = display_path(ws.root / k_manifest_name);
      problems.push_back(std::move(d));
    }
  }
}

} // namespace

bool stays_inside(const std::string& relative)
{
  const fs::path p = fs::path(relative).lexically_normal();
  return !relative.empty() && p.is_relative() && (p.empty() || *p.begin() != "..");
}

std::string Workspace::display_of(const std::string& relative) const
{
  return display_path(root / relative);
}

fs::path find_workspace_root(const fs::path& start)
{
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!fs::is_directory(dir, ec)) {
    Diagnostic d = make_error("no-such-folder", fmt::format("{} is not a folder", start.string()));
    throw Error(ExitCode::invalid_input, d);
  }
  for (;;) {
    if (fs::is_regular_file(dir / k_manifest_name, ec)) {
      return dir;
    }
    if (!dir.has_relative_path()) {
      break;
    }
    dir = dir.parent_path();
  }
  throw Error(ExitCode::invalid_input,
              make_error("not-a-workspace",
                         fmt::format("not a residence workspace: no {} in {} or any folder above it",
                                     k_manifest_name, display_path(fs::absolute(start, ec))),
                         "run `residence init DIR` to create one, or pass -C DIR"));
}

Manifest read_manifest(const TomlDocument& doc, std::vector<Diagnostic>& problems)
{
  Manifest m;
  FieldReader top(doc, doc.root, doc.display, problems);
  FieldReader residency = top.table("residence");
  m.name = residency.required_string("name");
  m.territory = residency.optional_string("territory").value_or("");
  m.host = residency.optional_string("host").value_or("");
  m.carrier = residency.optional_string("carrier").value_or("");
  m.theme = residency.optional_string("theme").value_or("");
  m.language = residency.optional_string("language").value_or("fr");
  m.currency = residency.optional_string("currency").value_or("EUR");
  m.start = residency.required_date("start").value_or(Date{});
  m.duration_months = static_cast<int>(residency.optional_int("duration_months", 1, 240).value_or(24));
  m.places = static_cast<int>(residency.optional_int("places", 0, 10000).value_or(0));

  FieldReader files = top.table("files");
  m.milestone_files = read_milestone_files(files);
  m.budget_file = read_file_entry(files, "budget");
  m.indicators_file = read_file_entry(files, "indicators");
  for (const auto& path : files.string_or_strings("documents")) {
    if (stays_inside(path)) {
      m.documents.push_back(path);
    } else {
      files.problem("documents", "path-outside", fmt::format("document '{}' leaves the workspace", path));
    }
  }

  if (doc.root.contains("template")) {
    FieldReader tmpl = top.table("template");
    m.template_source = tmpl.optional_string("source").value_or("");
    m.template_version = tmpl.optional_string("version").value_or("");
    tmpl.warn_unknown_keys({"name", "version", "source"});
  }
  if (doc.root.contains("git")) {
    m.commit_edits = top.table("git").optional_bool("commit").value_or(false);
  }
  top.warn_unknown_keys({"residence", "files", "template", "git"});
  residency.warn_unknown_keys({"name", "territory", "host", "carrier", "theme", "start", "duration_months",
                               "places", "contribution_days", "language", "currency"});
  files.warn_unknown_keys({"milestones", "budget", "indicators", "documents"});
  return m;
}

Workspace open_workspace(const fs::path& start)
{
  Workspace ws;
  ws.root = find_workspace_root(start);
  ws.manifest_document = load_toml(ws.root / k_manifest_name, display_path(ws.root / k_manifest_name));

  std::vector<Diagnostic> problems;
  ws.manifest = read_manifest(ws.manifest_document, problems);
  check_links_stay_inside(ws, problems);
  if (auto errors = errors_of(problems); !errors.empty()) {
    throw Error(ExitCode::invalid_input, errors);
  }
  return ws;
}

} // namespace residence
