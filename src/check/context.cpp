#include "check/context.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "io/conflict_markers.h"
#include "io/text.h"

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

// The value of an `id = "x"` line, read without parsing the file.
std::optional<std::string> id_on(std::string_view line)
{
  const std::size_t eq = line.find('=');
  if (eq == std::string_view::npos || trim_blanks(line.substr(0, eq)) != "id") {
    return std::nullopt;
  }
  const std::string_view value = trim_blanks(line.substr(eq + 1));
  if (value.empty() || (value.front() != '"' && value.front() != '\'')) {
    return std::nullopt;
  }
  const std::size_t close = value.find(value.front(), 1);
  return close == std::string_view::npos ? std::nullopt
                                         : std::optional(std::string(value.substr(1, close - 1)));
}

std::set<std::string> ids_in_text(std::string_view text)
{
  std::set<std::string> ids;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    if (auto id = id_on(text.substr(pos, end - pos))) {
      ids.insert(std::move(*id));
    }
    pos = end + 1;
  }
  return ids;
}

std::vector<std::string> quoted(const std::set<std::string>& ids)
{
  std::vector<std::string> out;
  for (const auto& id : ids) {
    out.push_back("'" + id + "'");
  }
  return out;
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
    const std::set<std::string> unjudged = ids_named_in(unread);
    std::vector<Diagnostic> problems;
    m_context.milestones = read_milestones(std::move(documents), problems, unjudged);
    m_out.insert(m_out.end(), problems.begin(), problems.end());
    note_unjudged(unread, unjudged);
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
                       : state == FileText::State::outside
                           ? "which leads outside the workspace through a symbolic link"
                                                          : "which cannot be read";
    return diagnostic_at(*m_context.manifest_document, named.where, Severity::error, "file-missing",
                         fmt::format("{} names the {} '{}', {}",
                                     m_context.manifest_document->display, named.role, named.path,
                                     what),
                         "create the file, or correct its path under [files]");
  }

  // The ids that milestone files which could not be parsed seem to define,
  // read from their text: references to them cannot be judged.
  std::set<std::string> ids_named_in(const std::vector<std::string>& unread) const
  {
    std::set<std::string> ids;
    for (const auto& path : unread) {
      if (const LoadedFile* file = m_context.file(path)) {
        const auto found = ids_in_text(file->text);
        ids.insert(found.begin(), found.end());
      }
    }
    return ids;
  }

  void note_unjudged(const std::vector<std::string>& unread, const std::set<std::string>& unjudged)
  {
    std::set<std::string> skipped;
    for (const auto& m : m_context.milestones->milestones) {
      for (const auto& id : m.depends_on) {
        if (unjudged.count(id) > 0 && m_context.milestones->find(id) == nullptr) {
          skipped.insert(id);
        }
      }
    }
    if (skipped.empty()) {
      return;
    }
    Diagnostic note;
    note.severity = Severity::note;
    note.file = m_context.source.display(unread.front());
    note.code = "references-unchecked";
    note.message = fmt::format("dependencies on {} were not checked, because {} could not be read",
                               fmt::join(quoted(skipped), ", "), note.file);
    m_out.push_back(std::move(note));
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
  CheckContext context {source, options, {}, {}, {}, {}};
  Loader loader(context, out);
  loader.manifest();
  loader.named_files();
  loader.milestones();
  loader.markdown_files();
  loader.answers();
  return context;
}

} // namespace residence
