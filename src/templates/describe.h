#pragma once

// `residence template show`: what a template is and what it asks.

#include <string>

#include "calendar/date.h"
#include "templates/template_manifest.h"

namespace residence {

// Name, version, language, origin, then each question with its constraints,
// help and default (and the default as it would be today, when it is
// computed from earlier answers or the date).
std::string describe_template_text(const TemplateSource& source, const TemplateManifest& manifest,
                                   Date today);

// The same as one JSON object.
std::string describe_template_json(const TemplateSource& source, const TemplateManifest& manifest,
                                   Date today);

// "URL at v1.2.0 (commit 1a2b3c4)" for a git template, else its origin.
std::string template_place(const TemplateSource& source);

} // namespace residence
