#pragma once

// Format-preserving edits of a milestones file. A new value is spliced into
// the original text where toml++ says the old one lies, so comments,
// alignment, quoting, key order, blank lines, line endings and keys the tool
// does not know all stay as the person wrote them. Everything here is pure:
// a parsed document in, new text out. Callers parse the result again.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "calendar/date.h"
#include "io/toml_document.h"

namespace residence {

// One key of a milestone with its value written as TOML.
struct KeyValue {
  std::string key;
  std::string literal;
  // For a string value, its text: a literal string ('...') that it replaces
  // then stays a literal string when the text allows it.
  std::optional<std::string> text;
};

KeyValue string_value(std::string key, std::string_view text);
KeyValue date_value(std::string key, Date date);
KeyValue strings_value(std::string key, const std::vector<std::string>& texts);

// A TOML basic string ("...") with the escapes TOML needs.
std::string toml_string(std::string_view text);

// A value as a person reads it: a string without quotes, a date as
// YYYY-MM-DD, an array of strings as "a, b"; anything else as written.
std::string value_text(const TomlDocument& doc, const toml::node& node);

// The table of milestone `id` in `doc`, or nullptr.
const toml::table* milestone_table(const TomlDocument& doc, std::string_view id);

// Every milestone table of `doc` by id, to find thousands of them in one pass.
using MilestoneTables = std::unordered_map<std::string, const toml::table*>;
MilestoneTables milestone_tables(const TomlDocument& doc);

// Bytes [begin, end) of a document's text to replace by `text`; an insertion
// when begin == end. Splices are computed on the text as parsed, so that many
// changes cost one pass over the text and one parse after it.
struct Splice {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

// The splice that sets a key of `table`, a milestone of `doc` (see set_key).
Splice set_key_splice(const TomlDocument& doc, const toml::table& table, const KeyValue& value);

// The splice that removes the line of `key` (see remove_key); nothing when the
// table has no such key, or when its line holds more than the key.
std::optional<Splice> remove_key_splice(const TomlDocument& doc, const toml::table& table,
                                        std::string_view key);

// `text` with every splice applied. Splices must not overlap; those at the
// same place apply in the order given.
std::string apply_splices(std::string_view text, std::vector<Splice> splices);

// True when `doc` writes its milestones as an inline array
// (`milestone = [{ ... }]`), where a [[milestone]] block cannot be added.
bool writes_inline_milestones(const TomlDocument& doc);

// Sets a key of milestone `id`: the old value is replaced in place; a new key
// gets its own line after the last key line of the milestone (or goes before
// the closing brace of an inline table), aligned like its neighbours.
std::string set_key(const TomlDocument& doc, std::string_view id, const KeyValue& value);

// Removes the line that holds `key` in milestone `id`; the same text when the
// milestone has no such key.
std::string remove_key(const TomlDocument& doc, std::string_view id, std::string_view key);

// A new [[milestone]] block after the last milestone of `phase` in `doc`, or
// at the end of the file when it has none.
std::string append_milestone(const TomlDocument& doc, std::string_view phase,
                             const std::vector<KeyValue>& keys);

// `doc` with new text, parsed again. Throws Error (invalid_input) and writes
// nothing when the edit would leave a file that does not parse; the parser's
// complaint is told as being about the edited text, which is on no disk.
TomlDocument with_text(const TomlDocument& doc, std::string text);

// A problem found in edited text that was never written: its position moves
// into the message ("jalons.toml as edited, line 7: ..."), so that it does
// not point at a line of the file on disk, which may hold something else.
Diagnostic in_edited_text(Diagnostic d);

} // namespace residence
