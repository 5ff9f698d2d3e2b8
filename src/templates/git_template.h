#pragma once

// A template kept in a git repository, read at a tag, branch or commit from a
// bare copy in the user's cache folder.

#include <optional>
#include <string>
#include <vector>

#include "templates/template_source.h"

namespace residence {

// $XDG_CACHE_HOME/residence/templates, else ~/.cache/residence/templates.
fs::path template_cache_root();

// The cache folder of one repository: a readable name and a hash of the URL.
fs::path template_cache_dir(const std::string& url);

struct CachedTemplate {
  std::string url;
  fs::path dir;
  std::string highest_tag; // empty when it has no version tag
};

// The git templates kept in the cache, by URL; reads only the cache.
std::vector<CachedTemplate> cached_templates();

// The files of the repository at `ref` (a tag, branch or commit), or at its
// highest version tag when there is no ref; pre-release tags count only when
// `allow_prerelease`. Records the URL, the ref and the commit in the source.
TemplateSource git_template(const std::string& url, const std::optional<std::string>& ref,
                            bool allow_prerelease);

} // namespace residence
