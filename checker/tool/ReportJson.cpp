//===- ReportJson.cpp - A Report as JSON, and back, for the result cache --===//
#include "ReportJson.h"

#include <algorithm>
#include <iterator>

namespace yieldcheck {
namespace {

using json = nlohmann::json;

json locationToJson(const Location &l) {
  return {{"file", l.file},       {"absoluteFile", l.absoluteFile},
          {"line", l.line},       {"column", l.column},
          {"endLine", l.endLine}, {"endColumn", l.endColumn},
          {"lineText", l.lineText}};
}

// Every reader goes through these: a wrong type is a miss, not an exception
// escaping into the analysis.
bool get(const json &j, const char *key, std::string &out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    return false;
  out = it->get<std::string>();
  return true;
}

bool get(const json &j, const char *key, unsigned &out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned())
    return false;
  out = it->get<unsigned>();
  return true;
}

bool locationFromJson(const json &j, Location &out) {
  return j.is_object() && get(j, "file", out.file) &&
         get(j, "absoluteFile", out.absoluteFile) && get(j, "line", out.line) &&
         get(j, "column", out.column) && get(j, "endLine", out.endLine) &&
         get(j, "endColumn", out.endColumn) &&
         get(j, "lineText", out.lineText);
}

constexpr const char *kPartNames[] = {"action", "text", "yields", "clause",
                                      "pause"}; // by MessagePart::Kind

// {"parts": [["action", "'n_' is incremented"], ["text", " before "],
// ["yields"], ["clause"], ...], "yieldLines": [13]}
json messageToJson(const Message &m) {
  json parts = json::array();
  for (const MessagePart &p : m.parts) {
    json part = json::array({kPartNames[p.kind]});
    if (p.kind == MessagePart::Action || p.kind == MessagePart::Text)
      part.push_back(p.text);
    parts.push_back(part);
  }
  return {{"parts", parts}, {"yieldLines", m.yieldLines}};
}

bool messageFromJson(const json &j, Message &out) {
  auto parts = j.is_object() ? j.find("parts") : j.end();
  auto lines = j.is_object() ? j.find("yieldLines") : j.end();
  if (parts == j.end() || !parts->is_array() || lines == j.end() ||
      !lines->is_array())
    return false;
  for (const json &l : *lines) {
    if (!l.is_number_unsigned())
      return false;
    out.yieldLines.push_back(l.get<unsigned>());
  }
  for (const json &p : *parts) {
    if (!p.is_array() || p.empty() || !p[0].is_string())
      return false;
    const std::string name = p[0].get<std::string>();
    auto kind = std::find(std::begin(kPartNames), std::end(kPartNames), name);
    if (kind == std::end(kPartNames))
      return false;
    MessagePart part;
    part.kind = static_cast<MessagePart::Kind>(kind - std::begin(kPartNames));
    bool hasText =
        part.kind == MessagePart::Action || part.kind == MessagePart::Text;
    if (p.size() != (hasText ? 2u : 1u) || (hasText && !p[1].is_string()))
      return false;
    if (hasText)
      part.text = p[1].get<std::string>();
    out.parts.push_back(std::move(part));
  }
  return true;
}

} // namespace

json reportToJson(const Report &r) {
  json yields = json::array(), notes = json::array();
  for (const Location &y : r.yields)
    yields.push_back(locationToJson(y));
  for (const ReportNote &n : r.notes)
    notes.push_back(
        {{"at", locationToJson(n.at)}, {"text", messageToJson(n.text)}});
  return {{"rule", r.rule ? r.rule->id : ""},
          {"severity", severityName(r.severity)},
          {"message", messageToJson(r.message)},
          {"mutation", locationToJson(r.mutation)},
          {"yields", yields},
          {"unlistedYields", r.unlistedYields},
          {"yieldNote", messageToJson(r.yieldNote)},
          {"function", r.function},
          {"functionStart", locationToJson(r.functionStart)},
          {"target", r.target},
          {"mutationText", r.mutationText},
          {"notes", notes}};
}

bool reportFromJson(const json &j, Report &out) {
  out = Report();
  std::string rule, severity;
  if (!j.is_object() || !get(j, "rule", rule) ||
      !get(j, "severity", severity) || !parseSeverity(severity, out.severity))
    return false;
  if (!rule.empty() && !(out.rule = findRule(rule)))
    return false;
  auto yields = j.find("yields"), notes = j.find("notes"),
       mutation = j.find("mutation"), start = j.find("functionStart");
  if (yields == j.end() || !yields->is_array() || notes == j.end() ||
      !notes->is_array() || mutation == j.end() || start == j.end() ||
      !locationFromJson(*mutation, out.mutation) ||
      !locationFromJson(*start, out.functionStart))
    return false;
  for (const json &y : *yields) {
    out.yields.emplace_back();
    if (!locationFromJson(y, out.yields.back()))
      return false;
  }
  for (const json &n : *notes) {
    out.notes.emplace_back();
    auto at = n.is_object() ? n.find("at") : n.end();
    auto text = n.is_object() ? n.find("text") : n.end();
    if (!n.is_object() || at == n.end() || text == n.end() ||
        !locationFromJson(*at, out.notes.back().at) ||
        !messageFromJson(*text, out.notes.back().text))
      return false;
  }
  auto message = j.find("message"), yieldNote = j.find("yieldNote");
  return message != j.end() && messageFromJson(*message, out.message) &&
         yieldNote != j.end() && messageFromJson(*yieldNote, out.yieldNote) &&
         get(j, "unlistedYields", out.unlistedYields) &&
         get(j, "function", out.function) && get(j, "target", out.target) &&
         get(j, "mutationText", out.mutationText);
}

json reportsToJson(const std::vector<Report> &reports) {
  json out = json::array();
  for (const Report &r : reports)
    out.push_back(reportToJson(r));
  return out;
}

bool reportsFromJson(const json &j, std::vector<Report> &out) {
  out.clear();
  if (!j.is_array())
    return false;
  for (const json &r : j) {
    out.emplace_back();
    if (!reportFromJson(r, out.back()))
      return false;
  }
  return true;
}

} // namespace yieldcheck
