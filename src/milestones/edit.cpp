#include "milestones/edit.h"

#include <algorithm>

#include <fmt/format.h>

#include "io/text.h"
#include "templates/helpers.h"

namespace residence {

namespace {

// Through the document's line index: an edit of thousands of values must not
// rescan the text from the top for each.
std::size_t offset_of(const TomlDocument& doc, const toml::source_position& at)
{
  return doc.offset(static_cast<int>(at.line), static_cast<int>(at.column));
}

std::size_t line_start_at(std::string_view text, std::size_t offset)
{
  const std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

bool is_blank(char c)
{
  return c == ' ' || c == '\t';
}

// A `[header]` table, as opposed to an implicit table made by a dotted key
// (`meta.x = 1`), whose region covers only its key.
bool has_header(const TomlDocument& doc, const toml::node& node)
{
  const toml::table* table = node.as_table();
  if (table == nullptr || table->is_inline()) {
    return false;
  }
  const std::size_t at = offset_of(doc, node.source().begin);
  return at < doc.text.size() && doc.text[at] == '[';
}

bool is_array_of_tables(const toml::node& node)
{
  const toml::array* array = node.as_array();
  return array != nullptr && !array->empty() && array->front().is_table() &&
         !array->front().as_table()->is_inline();
}

// The end of the last key line that belongs to the table itself: its values,
// and values under dotted keys, but not sub-tables with their own header.
std::size_t last_key_end(const TomlDocument& doc, const toml::table& table)
{
  std::size_t end = offset_of(doc, table.source().end);
  for (const auto& [key, node] : table) {
    if (has_header(doc, node) || is_array_of_tables(node)) {
      continue;
    }
    if (const toml::table* dotted = node.as_table(); dotted != nullptr && !dotted->is_inline()) {
      end = std::max(end, last_key_end(doc, *dotted));
    } else {
      end = std::max(end, offset_of(doc, node.source().end));
    }
  }
  return end;
}

// The end of everything a table holds, sub-tables included.
std::size_t section_end(const TomlDocument& doc, const toml::node& node)
{
  std::size_t end = offset_of(doc, node.source().end);
  if (const toml::table* table = node.as_table()) {
    for (const auto& [key, child] : *table) {
      end = std::max(end, section_end(doc, child));
    }
  } else if (const toml::array* array = node.as_array()) {
    for (const auto& child : *array) {
      end = std::max(end, section_end(doc, child));
    }
  }
  return end;
}

// How the key lines of a table are laid out, to write a new one alike.
struct KeyStyle {
  std::string indent;
  std::size_t equals_column = 0; // aligned '=' at this code-point column; 0 when not aligned
  std::string before_equals = " ";
  std::string after_equals = " ";

  std::string line(const KeyValue& kv) const
  {
    const std::size_t width = display_width(indent) + display_width(kv.key);
    const std::string pad =
        equals_column > width ? std::string(equals_column - width, ' ') : before_equals;
    return fmt::format("{}{}{}={}{}", indent, kv.key, pad, after_equals, kv.literal);
  }
};

struct KeyLine {
  std::string indent;
  std::string before_equals;
  std::string after_equals;
  std::size_t equals_column = 0;
  std::size_t key_width = 0;
};

std::optional<KeyLine> key_line(const TomlDocument& doc, const toml::key& key)
{
  const std::size_t key_begin = offset_of(doc, key.source().begin);
  const std::size_t key_end = offset_of(doc, key.source().end);
  const std::size_t start = line_start_at(doc.text, key_begin);
  const std::string_view text(doc.text);
  const std::string_view indent = text.substr(start, key_begin - start);
  const std::size_t equals = text.find('=', key_end);
  if (equals == std::string_view::npos || !std::all_of(indent.begin(), indent.end(), is_blank)) {
    return std::nullopt;
  }
  std::size_t value = equals + 1;
  while (value < text.size() && is_blank(text[value])) {
    ++value;
  }
  KeyLine line;
  line.indent = std::string(indent);
  line.before_equals = std::string(text.substr(key_end, equals - key_end));
  line.after_equals = std::string(text.substr(equals + 1, value - equals - 1));
  line.equals_column = display_width(text.substr(start, equals - start));
  line.key_width = display_width(text.substr(start, key_end - start));
  return line;
}

// Aligned when every key line puts '=' in the same column although the keys
// differ in length; otherwise the spacing of the last key line is copied.
KeyStyle key_style(const TomlDocument& doc, const toml::table& table)
{
  std::vector<std::pair<std::size_t, KeyLine>> lines;
  for (const auto& [key, node] : table) {
    if (node.is_table() || is_array_of_tables(node) ||
        key.source().begin.line != node.source().begin.line) {
      continue;
    }
    if (auto line = key_line(doc, key)) {
      lines.emplace_back(key.source().begin.line, std::move(*line));
    }
  }
  KeyStyle style;
  if (lines.empty()) {
    return style;
  }
  std::sort(lines.begin(), lines.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  const KeyLine& last = lines.back().second;
  style.indent = last.indent;
  style.after_equals = last.after_equals.empty() ? " " : last.after_equals;
  style.before_equals =
      last.before_equals.empty() || last.before_equals.size() > 1 ? " " : last.before_equals;

  const bool same_column = std::all_of(lines.begin(), lines.end(), [&](const auto& l) {
    return l.second.equals_column == last.equals_column;
  });
  const bool keys_differ = std::any_of(lines.begin(), lines.end(), [&](const auto& l) {
    return l.second.key_width != last.key_width;
  });
  if (lines.size() > 1 && same_column && keys_differ) {
    style.equals_column = last.equals_column;
  }
  return style;
}

const toml::array* milestones_of(const TomlDocument& doc)
{
  const toml::node* node = doc.root.get("milestone");
  return node != nullptr ? node->as_array() : nullptr;
}

const toml::table& require_table(const TomlDocument& doc, std::string_view id)
{
  const toml::table* table = milestone_table(doc, id);
  if (table == nullptr) {
    throw Error(
        ExitCode::invalid_input,
        make_error("edit-lost", fmt::format("milestone '{}' is not in {}", id, doc.display)));
  }
  return *table;
}

Splice insert_at_line_after(const std::string& text, std::size_t offset, const std::string& line)
{
  const std::string_view eol = line_ending_of(text);
  const std::size_t nl = text.find('\n', offset);
  if (nl == std::string::npos) {
    // The file had no final newline: keep it so.
    return {text.size(), text.size(), fmt::format("{}{}", eol, line)};
  }
  return {nl + 1, nl + 1, fmt::format("{}{}", line, eol)};
}

Splice insert_in_inline(const TomlDocument& doc, const toml::table& table, const KeyValue& kv)
{
  const std::size_t close = offset_of(doc, table.source().end) - 1;
  std::size_t at = close;
  while (at > 0 && is_blank(doc.text[at - 1])) {
    --at;
  }
  if (table.empty()) {
    return {at, at, fmt::format(" {} = {} ", kv.key, kv.literal)};
  }
  return {at, at, fmt::format(", {} = {}", kv.key, kv.literal)};
}

Splice remove_in_inline(const TomlDocument& doc, const toml::key& key, const toml::node& value)
{
  std::size_t begin = offset_of(doc, key.source().begin);
  std::size_t end = offset_of(doc, value.source().end);
  const std::string& text = doc.text;
  std::size_t after = end;
  while (after < text.size() && is_blank(text[after])) {
    ++after;
  }
  if (after < text.size() && text[after] == ',') {
    end = after + 1;
    while (end < text.size() && is_blank(text[end])) {
      ++end;
    }
  } else {
    std::size_t before = begin;
    while (before > 0 && is_blank(text[before - 1])) {
      --before;
    }
    if (before > 0 && text[before - 1] == ',') {
      begin = before - 1;
    }
  }
  return {begin, end, {}};
}

bool fits_literal_string(std::string_view text)
{
  return std::none_of(text.begin(), text.end(), [](char c) {
    return c == '\'' || (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
  });
}

// The replacement in the quoting style of the value it replaces.
std::string literal_like(const TomlDocument& doc, const toml::node& old, const KeyValue& kv)
{
  if (!kv.text || !old.is_string()) {
    return kv.literal;
  }
  const std::string_view written =
      std::string_view(doc.text).substr(offset_of(doc, old.source().begin));
  const bool was_literal = written.substr(0, 1) == "'" && written.substr(0, 3) != "'''";
  return was_literal && fits_literal_string(*kv.text) ? fmt::format("'{}'", *kv.text) : kv.literal;
}

constexpr std::size_t k_tab_width = 8;

// The terminal column reached after `text` written from column `from`
// (0-based), a tab going to the next multiple of eight.
std::size_t column_after(std::string_view text, std::size_t from)
{
  std::size_t column = from;
  for (const char c : text) {
    if (c == '\t') {
      column = (column / k_tab_width + 1) * k_tab_width;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return column;
}

// Tabs from column `from` towards `to` while a tab does not pass it, then
// spaces; one tab when `from` is already there or past it.
std::string tab_gap(std::size_t from, std::size_t to)
{
  std::string gap;
  std::size_t column = from;
  while ((column / k_tab_width + 1) * k_tab_width <= to) {
    gap += '\t';
    column = (column / k_tab_width + 1) * k_tab_width;
  }
  gap.append(to > column ? to - column : 0, ' ');
  return gap.empty() ? std::string("\t") : gap;
}

// The blanks between a new value and the comment after it, so that the
// comment keeps its column: tabs when the person used tabs there.
std::string comment_gap(const TomlDocument& doc, std::size_t begin, std::size_t end,
                        std::size_t comment, const std::string& literal)
{
  const std::string_view text(doc.text);
  if (text.substr(end, comment - end).find('\t') != std::string_view::npos) {
    const std::size_t line = line_start_at(text, begin);
    const std::size_t value_column = column_after(text.substr(line, begin - line), 0);
    const std::size_t target = column_after(text.substr(begin, comment - begin), value_column);
    return tab_gap(column_after(literal, value_column), target);
  }
  const std::size_t old_width = display_width(text.substr(begin, comment - begin));
  const std::size_t new_width = display_width(literal);
  return std::string(old_width > new_width ? old_width - new_width : 1, ' ');
}

// Replaces a value; a comment after it on the same line keeps its column
// when there is room, so that a column of comments stays a column.
Splice replace_value(const TomlDocument& doc, const toml::node& old, const std::string& literal)
{
  const std::size_t begin = offset_of(doc, old.source().begin);
  const std::size_t end = offset_of(doc, old.source().end);
  std::size_t comment = end;
  while (comment < doc.text.size() && is_blank(doc.text[comment])) {
    ++comment;
  }
  const bool single_line = old.source().begin.line == old.source().end.line;
  if (single_line && comment > end && comment < doc.text.size() && doc.text[comment] == '#') {
    return {begin, comment, literal + comment_gap(doc, begin, end, comment, literal)};
  }
  return {begin, end, literal};
}

bool rest_is_comment(std::string_view rest)
{
  const std::size_t first = rest.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos || rest[first] == '#';
}

} // namespace

std::string toml_string(std::string_view text)
{
  return fmt::format("\"{}\"", toml_escape(text));
}

KeyValue string_value(std::string key, std::string_view text)
{
  return {std::move(key), toml_string(text), std::string(text)};
}

KeyValue date_value(std::string key, Date date)
{
  return {std::move(key), date.iso(), std::nullopt};
}

KeyValue strings_value(std::string key, const std::vector<std::string>& texts)
{
  std::vector<std::string> quoted;
  for (const auto& text : texts) {
    quoted.push_back(toml_string(text));
  }
  return {std::move(key), fmt::format("[{}]", fmt::join(quoted, ", ")), std::nullopt};
}

std::string value_text(const TomlDocument& doc, const toml::node& node)
{
  if (const auto* s = node.as_string()) {
    return s->get();
  }
  if (const auto* d = node.as_date()) {
    return fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
  }
  if (const auto* a = node.as_array();
      a != nullptr && (a->empty() || a->is_homogeneous(toml::node_type::string))) {
    std::vector<std::string> items;
    for (const auto& item : *a) {
      items.push_back(item.as_string()->get());
    }
    return fmt::format("{}", fmt::join(items, ", "));
  }
  return source_text(doc, node.source());
}

const toml::table* milestone_table(const TomlDocument& doc, std::string_view id)
{
  const toml::array* array = milestones_of(doc);
  if (array == nullptr) {
    return nullptr;
  }
  for (const auto& element : *array) {
    const toml::table* table = element.as_table();
    if (table != nullptr && table->get("id") != nullptr &&
        table->get("id")->value<std::string>() == id) {
      return table;
    }
  }
  return nullptr;
}

MilestoneTables milestone_tables(const TomlDocument& doc)
{
  MilestoneTables tables;
  if (const toml::array* array = milestones_of(doc)) {
    for (const auto& element : *array) {
      const toml::table* table = element.as_table();
      const auto id = table != nullptr ? (*table)["id"].value<std::string>() : std::nullopt;
      if (id) {
        tables.emplace(*id, table); // the first of a duplicated id, as milestone_table finds
      }
    }
  }
  return tables;
}

Splice set_key_splice(const TomlDocument& doc, const toml::table& table, const KeyValue& kv)
{
  if (const toml::node* old = table.get(kv.key)) {
    return replace_value(doc, *old, literal_like(doc, *old, kv));
  }
  if (table.is_inline()) {
    return insert_in_inline(doc, table, kv);
  }
  return insert_at_line_after(doc.text, last_key_end(doc, table), key_style(doc, table).line(kv));
}

std::optional<Splice> remove_key_splice(const TomlDocument& doc, const toml::table& table,
                                        std::string_view key)
{
  for (const auto& [k, node] : table) {
    if (k.str() != key) {
      continue;
    }
    if (table.is_inline()) {
      return remove_in_inline(doc, k, node);
    }
    const std::size_t begin = line_start_at(doc.text, offset_of(doc, k.source().begin));
    const std::size_t end = offset_of(doc, node.source().end);
    const std::size_t nl = doc.text.find('\n', end);
    const std::size_t stop = nl == std::string::npos ? doc.text.size() : nl + 1;
    if (!rest_is_comment(std::string_view(doc.text).substr(end, stop - end))) {
      return std::nullopt;
    }
    return Splice {begin, stop, {}};
  }
  return std::nullopt;
}

std::string apply_splices(std::string_view text, std::vector<Splice> splices)
{
  std::stable_sort(splices.begin(), splices.end(),
                   [](const Splice& a, const Splice& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(text.size() + splices.size() * 16);
  std::size_t at = 0;
  for (const Splice& splice : splices) {
    if (splice.begin < at) {
      throw Error(ExitCode::invalid_input,
                  make_error("edit-overlap",
                             "two changes of this edit touch the same text; "
                             "nothing was written",
                             "this is a bug in residence: please report it with the file"));
    }
    out.append(text.substr(at, splice.begin - at));
    out += splice.text;
    at = splice.end;
  }
  out.append(text.substr(std::min(at, text.size())));
  return out;
}

std::string set_key(const TomlDocument& doc, std::string_view id, const KeyValue& kv)
{
  return apply_splices(doc.text, {set_key_splice(doc, require_table(doc, id), kv)});
}

std::string remove_key(const TomlDocument& doc, std::string_view id, std::string_view key)
{
  const auto splice = remove_key_splice(doc, require_table(doc, id), key);
  return splice ? apply_splices(doc.text, {*splice}) : doc.text;
}

bool writes_inline_milestones(const TomlDocument& doc)
{
  const toml::node* node = doc.root.get("milestone");
  if (node == nullptr) {
    return false;
  }
  const toml::array* array = node->as_array();
  return array != nullptr &&
         std::any_of(array->begin(), array->end(), [](const toml::node& element) {
           return element.is_table() && element.as_table()->is_inline();
         });
}

std::string append_milestone(const TomlDocument& doc, std::string_view phase,
                             const std::vector<KeyValue>& keys)
{
  const toml::array* array = milestones_of(doc);
  const toml::table* last_of_phase = nullptr;
  const toml::table* last = nullptr;
  if (array != nullptr) {
    for (const auto& element : *array) {
      const toml::table* table = element.as_table();
      if (table == nullptr || table->is_inline()) {
        continue;
      }
      last = table;
      if (table->get("phase") != nullptr && table->get("phase")->value<std::string>() == phase) {
        last_of_phase = table;
      }
    }
  }

  const std::string eol(line_ending_of(doc.text));
  const KeyStyle style =
      last != nullptr ? key_style(doc, last_of_phase ? *last_of_phase : *last) : KeyStyle {};
  std::string block = "[[milestone]]" + eol;
  for (const auto& kv : keys) {
    block += style.line(kv) + eol;
  }

  std::string out = doc.text;
  if (last_of_phase != nullptr) {
    const std::size_t nl = out.find('\n', section_end(doc, *last_of_phase));
    if (nl == std::string::npos) {
      return out + eol + eol + block;
    }
    const std::string_view next = std::string_view(out).substr(nl + 1);
    const bool next_is_blank = next.empty() || next.front() == '\n' || next.substr(0, 2) == "\r\n";
    out.insert(nl + 1, eol + block + (next_is_blank ? "" : eol));
    return out;
  }
  if (!out.empty() && out.back() != '\n') {
    out += eol;
  }
  const bool ends_blank = out.empty() || out.size() < eol.size() * 2 ||
                          out.compare(out.size() - eol.size() * 2, eol.size() * 2, eol + eol) == 0;
  return out + (ends_blank ? "" : eol) + block;
}

Diagnostic in_edited_text(Diagnostic d)
{
  if (!d.file.empty()) {
    d.message = d.line > 0 ? fmt::format("{} as edited, line {}: {}", d.file, d.line, d.message)
                           : fmt::format("{} as edited: {}", d.file, d.message);
  }
  d.file.clear();
  d.line = 0;
  d.column = 0;
  d.source_line.clear();
  return d;
}

TomlDocument with_text(const TomlDocument& doc, std::string text)
{
  try {
    return parse_toml(std::move(text), doc.path, doc.display);
  } catch (const Error& e) {
    std::vector<Diagnostic> diagnostics {make_error(
        "edit-unparsable",
        fmt::format("the edit would leave {} unreadable; nothing was written", doc.display),
        "residence cannot make this change in this file's layout: make it by hand, and "
        "report it with the file if the layout is an ordinary one")};
    for (const Diagnostic& d : e.diagnostics()) {
      diagnostics.push_back(in_edited_text(d));
    }
    throw Error(ExitCode::invalid_input, diagnostics);
  }
}

} // namespace residence
