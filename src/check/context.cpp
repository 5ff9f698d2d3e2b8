#include "check/context.h"

#include <algorithm>

#include <fmt/format.h>

#include "io/conflict_markers.h"

namespace residence {

namespace {

// A file the manifest names, with where it names it.
struct NamedPath {
  std::string path;
  const char* role;
  toml::source_region where;
};

std::string normal(const std::string& path)
{
  return fs::path(path).lexically_normal().generic_string();
}

void add_named(std::vector<NamedPath>& named, const toml::node* node, const char* role)
{
  if (node == nullptr) {
    return;
  }
  const auto add = [&](const toml::node& entry) {
    if (const auto* s = entry.as_string(); s != nullptr && stays_inside(s->get())) {
      named.push_back({normal(s->get()), role, entry.source()});
    }
  };
  if (const auto* array = node->as_array()) {
    for (const auto& element : *array) {
      add(element);
    }
  } else {
    add(*node);
  }
}

// The files of [files], milestones first; wrong types and paths leaving the
// workspace were reported by read_manifest.
std::vector<NamedPath> named_paths(const TomlDocument& manifest)
{
  std::vector<NamedPath> named;
  const toml::table* files = manifest.root["files"].as_table();
  if (files != nullptr) {
    add_named(named, files->get("milestones"), "milestones file");
    add_named(named, files->get("budget"), "budget file");
    add_named(named, files->get("indicators"), "indicators file");
    add_named(named, files->get("documents"), "document");
  }
  return named;
}

class Loader {
public:
  Loader(CheckContext& context, std::vector<Diagnostic>& out) : m_context(context), m_out(out) {}

  void manifest()
  {
    const FileText read = m_context.source.read(k_manifest_name);
    if (read.state != FileText::State::read) {
      Diagnostic d = make_error(
          "file-missing", fmt::format("cannot read {}", m_context.source.display(k_manifest_name)));
      d.file = m_context.source.display(k_manifest_name);
      m_out.push_back(std::move(d));
      return;
    }
    keep(k_manifest_name, read.text, false);
    m_context.manifest_document = m_context.parse(k_manifest_name, m_out);
    if (m_context.manifest_document) {
      m_context.manifest = read_manifest(*m_context.manifest_document, m_out);
    }
  }

  void named_files()
  {
    if (!m_context.manifest_document) {
      return;
    }
    for (const auto& named : named_paths(*m_context.manifest_document)) {
      if (m_context.file(named.path) != nullptr) {
        continue;
      }
      const FileText read = m_context.source.read(named.path);
      if (read.state == FileText::State::read) {
        keep(named.path, read.text, fs::path(named.path).extension() == ".md");
      } else {
        m_out.push_back(missing(named, read.state));
      }
    }
  }

  void markdown_files()
  {
    for (const auto& path : m_context.source.markdown_files()) {
      if (m_context.file(path) == nullptr) {
        if (FileText read = m_context.source.read(path); read.state == FileText::State::read) {
          keep(path, read.text, true);
        }
      }
    }
  }

  void answers()
  {
    if (FileText read = m_context.source.read(k_answers_path);
        read.state == FileText::State::read) {
      keep(k_answers_path, read.text, false);
    }
  }

  void milestones()
  {
    if (!m_context.manifest) {
      return;
    }
    std::vector<TomlDocument> documents;
    std::vector<std::string> unread;
    for (const auto& file : m_context.manifest->milestone_files) {
      if (auto doc = m_context.parse(normal(file), m_out)) {
        documents.push_back(std::move(*doc));
      } else {
        unread.push_back(normal(file));
      }
    }
    std::vector<Diagnostic> problems;
    m_context.milestones = read_milestones(std::move(documents), problems);
    m_context.all_milestone_files_read = unread.empty();
    if (!unread.empty()) {
      drop_references(problems, unread.front());
    }
    m_out.insert(m_out.end(), problems.begin(), problems.end());
  }

private:
  void keep(const std::string& path, std::string text, bool markdown)
  {
    LoadedFile file {path, m_context.source.display(path), std::move(text), markdown, false};
    auto conflicts = find_conflict_markers(file.text, file.display,
                                           markdown ? MarkerSyntax::markdown : MarkerSyntax::data);
    file.conflicted = !conflicts.empty();
    m_out.insert(m_out.end(), conflicts.begin(), conflicts.end());
    m_context.files.push_back(std::move(file));
  }

  Diagnostic missing(const NamedPath& named, FileText::State state) const
  {
    const char* what = state == FileText::State::missing  ? "which does not exist"
                       : state == FileText::State::folder ? "which is a folder, not a file"
                                                          : "which cannot be read";
    return diagnostic_at(*m_context.manifest_document, named.where, Severity::error, "file-missing",
                         fmt::format("{} names the {} '{}', {}",
                                     m_context.manifest_document->display, named.role, named.path,
                                     what),
                         "create the file, or correct its path under [files]");
  }

  // An id or phase may be defined in a milestones file that could not be
  // read: references to it cannot be judged, so they are not reported.
  void drop_references(std::vector<Diagnostic>& problems, const std::string& unread)
  {
    const auto reference = [](const Diagnostic& d) {
      return d.code == "unknown-dependency" || d.code == "unknown-phase";
    };
    const auto dropped = std::count_if(problems.begin(), problems.end(), reference);
    problems.erase(std::remove_if(problems.begin(), problems.end(), reference), problems.end());
    if (dropped > 0) {
      Diagnostic note;
      note.severity = Severity::note;
      note.file = m_context.source.display(unread);
      note.code = "references-unchecked";
      note.message = fmt::format(
          "dependencies and phases were not checked, because {} could not be read", note.file);
      m_out.push_back(std::move(note));
    }
  }

  CheckContext& m_context;
  std::vector<Diagnostic>& m_out;
};

} // namespace

const LoadedFile* CheckContext::file(const std::string& path) const
{
  const auto found =
      std::find_if(files.begin(), files.end(), [&](const LoadedFile& f) { return f.path == path; });
  return found == files.end() ? nullptr : &*found;
}

std::optional<TomlDocument> CheckContext::parse(const std::string& path,
                                                std::vector<Diagnostic>& out) const
{
  const LoadedFile* loaded = file(path);
  if (loaded == nullptr || loaded->conflicted) {
    return std::nullopt;
  }
  try {
    return parse_toml(loaded->text, path, loaded->display);
  } catch (const Error& e) {
    out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
    return std::nullopt;
  }
}

CheckContext load_context(const FileSource& source, const CheckOptions& options,
                          std::vector<Diagnostic>& out)
{
  CheckContext context {source, options, {}, {}, {}, {}, true};
  Loader loader(context, out);
  loader.manifest();
  loader.named_files();
  loader.milestones();
  loader.markdown_files();
  loader.answers();
  return context;
}

} // namespace residence
