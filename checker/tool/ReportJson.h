//===- ReportJson.h - A Report as JSON, and back, for the result cache ----===//
//
// The one place that knows every field of Report as stored data: when Report
// gains a field, add it here (both directions) and bump kReportJsonVersion,
// so entries written before are misses instead of reports without it.
//
//===----------------------------------------------------------------------===//
#ifndef YIELDCHECK_TOOL_REPORTJSON_H
#define YIELDCHECK_TOOL_REPORTJSON_H

#include "yieldcheck/Report.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace yieldcheck {

/// Part of every cache key: a change of the stored shape is a miss.
constexpr int kReportJsonVersion = 2; // 2: the message as parts

nlohmann::json reportToJson(const Report &r);
/// False when `j` is not a report this version wrote (a missing or mistyped
/// field, an unknown rule or severity): the caller treats it as a miss.
bool reportFromJson(const nlohmann::json &j, Report &out);

nlohmann::json reportsToJson(const std::vector<Report> &reports);
bool reportsFromJson(const nlohmann::json &j, std::vector<Report> &out);

} // namespace yieldcheck

#endif
