//===- Merge.cpp - `yieldcheck merge`: one report from the shards' --------===//
#include "Merge.h"

#include "ExitCodes.h"
#include "OutputFiles.h"
#include "OutputPaths.h"
#include "RunResult.h"
#include "JsonDocument.h"
#include "Writers.h"

// Paths relative to SRCROOT stay as they are: each shard's runner has its
// own checkout of the same tree, so "src/a.cpp" means the same file in all
// of them, wherever they were checked out. Only the output's SRCROOT is
// chosen, and the sort places them under it.

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace yieldcheck {
namespace {

const char kHelp[] =
    "USAGE: yieldcheck merge [options] <input files>\n"
    "\n"
    "Combines the SARIF logs (or the JSON outputs) of --shard runs, or of\n"
    "several jobs, into one: one run per SARIF category, rules once, results\n"
    "sorted, fingerprints kept, duplicate findings once. Prints the summary\n"
    "line of the whole and exits as a run does.\n"
    "\n"
    "OPTIONS:\n"
    "  --output=<file>       Write the merged report to <file>, not stdout\n"
    "  --fail-level=<level>  error, warning, note (default) or none\n"
    "  --source-root=<dir>   The directory the inputs' relative paths are\n"
    "                        relative to, each in its own checkout (SARIF's\n"
    "                        SRCROOT; default: the first input's SRCROOT,\n"
    "                        for JSON the current directory)\n"
    "  --quiet               Do not print the summary line\n";

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::optional<Severity> failLevel = Severity::Note;
  std::string sourceRoot;
  bool quiet = false;
};

struct Failure {
  std::string message;
};

std::string absoluteDir(const std::string &dir) {
  llvm::SmallString<256> abs(dir.empty() ? "." : dir);
  llvm::sys::fs::make_absolute(abs);
  llvm::sys::path::remove_dots(abs, /*remove_dot_dot=*/true);
  while (abs.size() > 1 && llvm::sys::path::is_separator(abs.back()))
    abs.pop_back();
  return std::string(abs);
}

// Returns 0 to go on, else the exit status (--help, a usage error).
int parseArgs(int argc, const char **argv, MergeOptions &out) {
  bool inputsOnly = false;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (inputsOnly || arg.size() < 2 || arg.front() != '-') {
      out.inputs.push_back(arg.str());
      continue;
    }
    if (arg == "--") {
      inputsOnly = true;
      continue;
    }
    auto [name, value] = arg.ltrim('-').split('=');
    bool hasValue = arg.contains('=');
    if (name == "help" || name == "h") {
      llvm::outs() << kHelp;
      return ExitClean + 256; // success, but stop
    }
    if (name == "quiet" && !hasValue) {
      out.quiet = true;
      continue;
    }
    if (name != "output" && name != "fail-level" && name != "source-root") {
      llvm::errs() << "yieldcheck merge: error: unknown option '" << arg
                   << "' (see yieldcheck merge --help)\n";
      return ExitUsage;
    }
    if (!hasValue) {
      if (i + 1 == argc) {
        llvm::errs() << "yieldcheck merge: error: --" << name
                     << " needs a value\n";
        return ExitUsage;
      }
      value = argv[++i];
    }
    if (name == "output") {
      out.output = value.str();
    } else if (name == "source-root") {
      out.sourceRoot = absoluteDir(value.str());
      if (!llvm::sys::fs::is_directory(out.sourceRoot)) {
        llvm::errs() << "yieldcheck merge: error: --source-root '" << value
                     << "' is not a directory\n";
        return ExitUsage;
      }
    } else if (value == "none") {
      out.failLevel.reset();
    } else {
      Severity s;
      if (!parseSeverity(value.str(), s)) {
        llvm::errs() << "yieldcheck merge: error: --fail-level '" << value
                     << "' is not error, warning, note or none\n";
        return ExitUsage;
      }
      out.failLevel = s;
    }
  }
  if (out.inputs.empty()) {
    llvm::errs() << "yieldcheck merge: error: no input files (see yieldcheck "
                    "merge --help)\n";
    return ExitUsage;
  }
  return 0;
}

enum class Kind { Sarif, Json };

struct Input {
  std::string path;
  ordered_json doc;
  Kind kind;
};

Input load(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    throw Failure{"cannot read '" + path + "': " +
                  buffer.getError().message()};
  ordered_json doc = ordered_json::parse((*buffer)->getBuffer().begin(),
                                         (*buffer)->getBuffer().end(), nullptr,
                                         /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw Failure{"'" + path + "' is not JSON"};
  if (doc.is_object() && doc.contains("runs") && doc["runs"].is_array())
    return {path, std::move(doc), Kind::Sarif};
  if (doc.is_object() && doc.contains("findings") &&
      doc["findings"].is_array() && doc.contains("summary"))
    return {path, std::move(doc), Kind::Json};
  throw Failure{"'" + path + "' is neither a SARIF log nor yieldcheck's JSON "
                "output"};
}

std::string percentDecode(llvm::StringRef text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned hi, lo;
    if (text[i] == '%' && i + 2 < text.size() &&
        (hi = llvm::hexDigitValue(text[i + 1])) != ~0u &&
        (lo = llvm::hexDigitValue(text[i + 2])) != ~0u) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The path of a file: URI (the inverse of fileUri).
std::string pathOfFileUri(llvm::StringRef uri) {
  std::string path = percentDecode(uri.drop_front(uri.substr(0, 7) == "file://" ? 7 : 0));
  if (path.size() > 2 && path[0] == '/' && path[2] == ':')
    path.erase(0, 1); // /C:/x -> C:/x
  while (path.size() > 1 && path.back() == '/')
    path.pop_back();
  return path;
}

std::string runRoot(const ordered_json &run, const std::string &fallback) {
  const ordered_json *root = &run;
  for (const char *key : {"originalUriBaseIds", "SRCROOT", "uri"}) {
    if (!root->is_object() || !root->contains(key))
      return fallback;
    root = &(*root)[key];
  }
  return root->is_string() ? pathOfFileUri(root->get<std::string>()) : fallback;
}

std::string absoluteOf(const ordered_json &artifact, const std::string &root) {
  std::string uri = artifact.value("uri", "");
  if (artifact.value("uriBaseId", "") == "SRCROOT")
    return root + "/" + percentDecode(uri);
  return pathOfFileUri(uri);
}

// The order of sortReports: file, line, column, rule, end, message, function.
using SortKey = std::tuple<std::string, unsigned, unsigned, std::string,
                           unsigned, unsigned, std::string, std::string>;

unsigned number(const ordered_json &j, const char *key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<unsigned>() : 0;
}

std::string text(const ordered_json &j, const char *key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

SortKey sarifKey(const ordered_json &result, const std::string &root) {
  const ordered_json &loc = result.at("locations").at(0);
  const ordered_json &phys = loc.at("physicalLocation");
  const ordered_json &region = phys.at("region");
  std::string function;
  if (loc.contains("logicalLocations"))
    function = text(loc["logicalLocations"].at(0), "fullyQualifiedName");
  return {absoluteOf(phys.at("artifactLocation"), root),
          number(region, "startLine"), number(region, "startColumn"),
          text(result, "ruleId"), number(region, "endLine"),
          number(region, "endColumn"), text(result.at("message"), "text"),
          function};
}

SortKey jsonKey(const ordered_json &f, const std::string &root) {
  std::string file = text(f, "file");
  if (!llvm::sys::path::is_absolute(file))
    file = root + "/" + file;
  return {file,
          number(f, "line"),
          number(f, "column"),
          text(f, "ruleId"),
          number(f, "endLine"),
          number(f, "endColumn"),
          text(f, "message"),
          text(f, "function")};
}

// Sorted by `key`, each distinct element once.
ordered_json sortedUnion(std::vector<ordered_json> items,
                         const std::function<SortKey(const ordered_json &)> &key) {
  std::set<std::string> seen;
  std::vector<std::pair<SortKey, ordered_json>> keyed;
  for (ordered_json &item : items)
    if (seen.insert(item.dump()).second)
      keyed.emplace_back(key(item), std::move(item));
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto &a, const auto &b) { return a.first < b.first; });
  ordered_json out = ordered_json::array();
  for (auto &[k, item] : keyed)
    out.push_back(std::move(item));
  return out;
}

void addSeverity(RunResult &summary, const std::string &level) {
  Report r;
  if (!parseSeverity(level, r.severity))
    r.severity = Severity::Warning;
  summary.reports.push_back(std::move(r));
}

// The counters that the summary line shows beyond the findings, summed;
// `counts` is the "summary" (JSON) or "properties" (SARIF) of each input.
ordered_json sumCounters(const std::vector<const ordered_json *> &counts,
                         ordered_json base, RunResult &summary) {
  unsigned files = 0;
  for (const ordered_json *c : counts)
    files += number(*c, "files");
  base["files"] = files;
  summary.files += files;
  for (const char *key : {"outsideDiff", "suppressed"}) {
    bool present = false;
    unsigned total = 0;
    for (const ordered_json *c : counts)
      if (c->contains(key)) {
        present = true;
        total += number(*c, key);
      }
    if (!present)
      continue;
    base[key] = total;
    bool diff = std::string(key) == "outsideDiff";
    (diff ? summary.diffFiltered : summary.baseline) = true;
    (diff ? summary.outsideDiff : summary.suppressed) += total;
  }
  return base;
}

ordered_json mergeSarifCategory(const std::vector<ordered_json *> &runs,
                                const std::string &outRoot,
                                RunResult &summary) {
  ordered_json merged = *runs.front();
  std::vector<ordered_json> results, notes;
  std::vector<const ordered_json *> properties;
  bool successful = true;
  for (ordered_json *run : runs) {
    if ((*run)["tool"] != merged["tool"])
      throw Failure{"the runs to merge into one come from different tools "
                    "or versions (" +
                    run->value(ordered_json::json_pointer("/tool/driver/semanticVersion"),
                               std::string("?")) +
                    " and " +
                    merged.value(ordered_json::json_pointer("/tool/driver/semanticVersion"),
                                 std::string("?")) +
                    "); give them different --sarif-category names"};
    for (ordered_json &r : (*run)["results"])
      results.push_back(std::move(r));
    for (ordered_json &inv : (*run)["invocations"]) {
      successful = successful && inv.value("executionSuccessful", true);
      for (ordered_json &n : inv["toolExecutionNotifications"])
        notes.push_back(std::move(n));
    }
    if (run->contains("properties"))
      properties.push_back(&(*run)["properties"]);
  }
  merged["results"] = sortedUnion(std::move(results), [&](const ordered_json &r) {
    return sarifKey(r, outRoot);
  });
  for (const ordered_json &r : merged["results"])
    addSeverity(summary, text(r, "level"));
  // Sources that did not compile first, then those that crashed, as a run
  // lists them.
  ordered_json sortedNotes = sortedUnion(std::move(notes), [&](const ordered_json &n) {
    std::string message = text(n.at("message"), "text");
    bool crashed = message.find(": the analysis crashed") != std::string::npos;
    std::string file = absoluteOf(
        n.at("locations").at(0).at("physicalLocation").at("artifactLocation"),
        outRoot);
    (crashed ? summary.crashedFiles : summary.failedFiles).push_back(file);
    return SortKey{crashed ? "1" : "0", 0, 0, file, 0, 0, message, ""};
  });
  ordered_json invocation = {{"executionSuccessful", successful}};
  if (!sortedNotes.empty())
    invocation["toolExecutionNotifications"] = std::move(sortedNotes);
  merged["invocations"] = ordered_json::array({invocation});
  if (merged.contains("originalUriBaseIds"))
    merged["originalUriBaseIds"] = {
        {"SRCROOT", {{"uri", fileUri(outRoot, /*directory=*/true)}}}};
  if (!properties.empty())
    merged["properties"] =
        sumCounters(properties, merged["properties"], summary);
  return merged;
}

ordered_json mergeSarif(std::vector<Input> &inputs, const MergeOptions &opts,
                        RunResult &summary) {
  // One run per category, in the order of their names.
  std::map<std::string, std::vector<ordered_json *>> categories;
  std::string outRoot = opts.sourceRoot;
  std::set<std::string> seen; // a log given twice counts once
  for (Input &in : inputs)
    for (ordered_json &run : in.doc["runs"]) {
      if (!seen.insert(run.dump()).second)
        continue;
      if (!run.is_object() || !run.contains("tool") || !run.contains("results") ||
          !run["results"].is_array())
        throw Failure{"'" + in.path + "' has a run without a tool or results"};
      if (outRoot.empty())
        outRoot = runRoot(run, "");
      categories[run.value(ordered_json::json_pointer("/automationDetails/id"), std::string())]
          .push_back(&run);
    }
  if (outRoot.empty())
    outRoot = absoluteDir(".");
  ordered_json runs = ordered_json::array();
  for (auto &[category, members] : categories)
    runs.push_back(mergeSarifCategory(members, outRoot, summary));
  ordered_json doc = inputs.front().doc;
  doc["runs"] = std::move(runs);
  return doc;
}

ordered_json mergeJson(std::vector<Input> &inputs, const MergeOptions &opts,
                       RunResult &summary) {
  ordered_json doc = inputs.front().doc;
  std::string root = opts.sourceRoot.empty() ? absoluteDir(".") : opts.sourceRoot;
  std::vector<ordered_json> findings;
  std::set<std::string> errors;
  std::vector<const ordered_json *> counts;
  std::set<std::string> seen; // an output given twice counts once
  for (Input &in : inputs) {
    if (!seen.insert(in.doc.dump()).second)
      continue;
    if (in.doc.value("version", 0) != doc.value("version", 0) ||
        in.doc["tool"] != doc["tool"])
      throw Failure{"'" + in.path + "' and '" + inputs.front().path +
                    "' were written by different versions of yieldcheck"};
    for (ordered_json &f : in.doc["findings"])
      findings.push_back(std::move(f));
    for (const ordered_json &e : in.doc["errors"])
      if (e.is_string())
        errors.insert(e.get<std::string>());
    counts.push_back(&in.doc["summary"]);
  }
  doc["findings"] = sortedUnion(std::move(findings), [&](const ordered_json &f) {
    return jsonKey(f, root);
  });
  for (const ordered_json &f : doc["findings"])
    addSeverity(summary, text(f, "severity"));
  SeverityCounts c = countBySeverity(summary.reports);
  ordered_json s = sumCounters(counts, doc["summary"], summary);
  s["findings"] = summary.reports.size();
  s["error"] = c.error;
  s["warning"] = c.warning;
  s["note"] = c.note;
  doc["summary"] = std::move(s);
  doc["errors"] = ordered_json(std::vector<std::string>(errors.begin(), errors.end()));
  summary.failedFiles.assign(errors.begin(), errors.end());
  return doc;
}

} // namespace

int mergeMain(int argc, const char **argv) {
  MergeOptions opts;
  if (int status = parseArgs(argc, argv, opts))
    return status == ExitClean + 256 ? ExitClean : status;
  auto fail = [](const std::string &message) {
    llvm::errs() << "yieldcheck merge: error: " << message << "\n";
    return ExitUsage;
  };
  RunResult summary;
  std::string merged;
  try {
    std::vector<Input> inputs;
    for (const std::string &path : opts.inputs)
      inputs.push_back(load(path));
    for (const Input &in : inputs)
      if (in.kind != inputs.front().kind)
        return fail("'" + in.path + "' and '" + inputs.front().path +
                    "' are not both SARIF or both JSON");
    merged = dumpDocument(inputs.front().kind == Kind::Sarif
                              ? mergeSarif(inputs, opts, summary)
                              : mergeJson(inputs, opts, summary));
  } catch (const Failure &f) {
    return fail(f.message);
  } catch (const std::exception &e) {
    // A document of the right kind but not written by yieldcheck.
    return fail(std::string("an input is not a report yieldcheck wrote: ") +
                e.what());
  }
  std::string error;
  std::unique_ptr<PendingOutput> file;
  if (!opts.output.empty() && !(file = PendingOutput::open(opts.output, error)))
    return fail(error);
  (file ? file->os() : llvm::outs()) << merged;
  if (file ? !file->finish(error) || !file->commit(error)
           : !flushChecked(llvm::outs(), "the merged report to stdout", error))
    return fail(error);
  if (!opts.quiet)
    llvm::errs() << summaryLine(summary) << "\n";
  return failsAt(summary, opts.failLevel) ? ExitFindings : ExitClean;
}

} // namespace yieldcheck
