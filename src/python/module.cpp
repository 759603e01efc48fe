// relsynth._core: the Python package's native module, a thin layer over the same pipeline as the
// CLI. Settings, metadata and plans cross as JSON text (the plan file's own format), tables as
// Arrow streams; every step is the core's (pipeline/, plan/, report/).
#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <optional>

#include "core/temp_files.h"
#include "io/memory_connector.h"
#include "pipeline/reporting.h"
#include "pipeline/synthesis.h"
#include "python/arrow_bridge.h"
#include "python/progress_bridge.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "relsynth/plan.h"
#include "relsynth/report.h"
#include "relsynth/settings.h"
#include "relsynth/synth.h"

namespace nb = nanobind;

namespace relsynth::python {

namespace {

// The Python exception types, made at import (relsynth.Error and its kinds).
PyObject* error_type = nullptr;
PyObject* usage_error_type = nullptr;
PyObject* input_error_type = nullptr;
PyObject* io_error_type = nullptr;

PyObject* new_error_type(nb::module_& m, const char* name, const char* doc, PyObject* bases) {
  const std::string qualified = std::string("relsynth.") + name;
  // .table, .column and .row are None unless the error names them.
  nb::dict attributes;
  attributes["table"] = nb::none();
  attributes["column"] = nb::none();
  attributes["row"] = nb::none();
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, attributes.ptr());
  if (!type) throw nb::python_error();
  m.attr(name) = nb::handle(type);
  return type;
}

// Raises `type(message)` with .table, .column and .row (0-based, None when the message names
// none) read from where the message points (relsynth::locate's form).
void raise_located(PyObject* type, const char* message) {
  const ErrorPlace place = find_location(message);
  nb::object error = nb::steal(PyObject_CallFunction(type, "s", message));
  if (!error.is_valid()) return;  // the call set its own error
  auto optional_text = [](const std::string& text) -> nb::object {
    return text.empty() ? nb::none() : nb::str(text.c_str(), text.size());
  };
  nb::setattr(error, "table", optional_text(place.table));
  nb::setattr(error, "column", optional_text(place.column));
  nb::setattr(error, "row", place.row < 0 ? nb::none() : nb::int_(place.row));
  PyErr_SetObject(type, error.ptr());
}

void translate_errors(const std::exception_ptr& thrown, void*) {
  try {
    std::rethrow_exception(thrown);
  } catch (const UsageError& e) {
    raise_located(usage_error_type, e.what());
  } catch (const InputError& e) {
    raise_located(input_error_type, e.what());
  } catch (const IoError& e) {
    raise_located(io_error_type, e.what());
  } catch (const Error& e) {
    raise_located(error_type, e.what());
  }
}

// Raises every error among `issues` as one UsageError after `prefix`; with `skip_source`, not
// those about the plan's source (a plan that only generates has none).
void throw_errors(const std::vector<PlanIssue>& issues, const std::string& prefix = {},
                  bool skip_source = false) {
  std::string errors;
  for (const PlanIssue& issue : issues) {
    if (issue.severity != PlanIssue::Severity::Error) continue;
    if (skip_source && issue.where == "source") continue;
    errors += (errors.empty() ? "" : "\n") + issue.text();
  }
  if (!errors.empty()) throw UsageError(prefix + errors);
}

// A plan from the JSON text the package builds, with what reading and validate_plan found.
Plan read_checked(const std::string& json, std::vector<PlanIssue>& issues) {
  Plan plan = read_plan(json, "the plan", issues);
  for (const PlanIssue& issue : validate_plan(plan)) issues.push_back(issue);
  return plan;
}

// The plan, its errors raised (warnings are left to `check_plan`).
Plan plan_from(const std::string& json, bool need_source) {
  std::vector<PlanIssue> issues;
  Plan plan = read_checked(json, issues);
  throw_errors(issues, {}, !need_source);
  return plan;
}

nb::list settings_table() {
  nb::list out;
  const RunSettings defaults;
  for (const Setting& setting : all_settings()) {
    nb::dict entry;
    entry["name"] = setting.name();
    entry["flag"] = std::string(setting.flag);
    entry["section"] = std::string(to_string(setting.section));
    entry["basic"] = setting.group == SettingGroup::Basic;
    entry["default"] = setting.get(defaults);
    entry["range"] = setting.range();
    entry["doc"] = std::string(setting.doc);
    out.append(entry);
  }
  return out;
}

// A plan and its source: the plan's URI, or tables in memory (name -> pyarrow Table, read here,
// with the GIL held), typed as the plan's metadata says.
struct Planned {
  Plan plan;
  std::unique_ptr<Source> tables;

  Planned(const std::string& plan_json, const nb::object& tables_or_none)
      : plan(plan_from(plan_json, true)) {
    if (tables_or_none.is_none()) return;
    TablesIn in = tables_from_python(nb::borrow<nb::dict>(tables_or_none));
    tables = make_memory_source(with_types_of(std::move(in.declared), plan.metadata),
                                std::move(in.data));
  }

  // The pipeline's options; `fit_cache`: a folder of fits kept between trainings (a retrain
  // refits only what changed).
  SynthOptions options(const std::string& fit_cache = {}) const {
    SynthOptions o = synth_options(plan);
    if (plan.metadata.tables.empty()) o.source.metadata = nullptr;  // inferred
    o.source.opened = tables.get();
    o.settings.train.fit_cache = fit_cache;
    return o;
  }
};

// What the plan's source gives: its metadata as JSON, with inference's warnings.
std::pair<std::string, std::vector<std::string>> inspect(const std::string& plan_json,
                                                         const nb::object& tables,
                                                         nb::object progress_callback) {
  const Planned planned(plan_json, tables);
  return run_released(std::move(progress_callback), [&](Progress& progress) {
    LoadedSource loaded = load_source(planned.options().source, progress);
    return std::make_pair(to_json(loaded.metadata), std::move(loaded.warnings));
  });
}

std::vector<std::pair<std::string, std::string>> check_plan(const std::string& plan_json) {
  std::vector<PlanIssue> issues;
  read_checked(plan_json, issues);
  std::vector<std::pair<std::string, std::string>> out;
  for (const PlanIssue& issue : issues)
    out.emplace_back(issue.severity == PlanIssue::Severity::Error ? "error" : "warning",
                     issue.text());
  return out;
}

Model train_plan(const std::string& plan_json, const nb::object& tables,
                 const std::string& fit_cache, nb::object progress_callback) {
  const Planned planned(plan_json, tables);
  return run_released(std::move(progress_callback), [&](Progress& progress) {
    SynthOptions o = planned.options(fit_cache);
    return std::move(train_from(o, progress).model);
  });
}

// Every table of a source as it declares them, each as an Arrow stream capsule by name.
nb::dict read_source(const std::string& uri, nb::object progress_callback) {
  Metadata declared;
  Database data = run_released(std::move(progress_callback), [&](Progress& progress) {
    progress.step("reading " + display_uri(uri));
    auto source = open_source(uri);
    declared = source->describe();
    Database read = read_database(*source, declared);
    progress.done(std::to_string(read.total_rows()) + " rows");
    return read;
  });
  return tables_to_python(declared, data);
}

// Generates in memory: each table as an Arrow stream capsule, by name.
nb::dict generate_tables(const Model& model, const std::string& plan_json,
                         nb::object progress_callback, int64_t first_unit, int64_t last_unit) {
  MemoryDestination destination;
  run_released(std::move(progress_callback), [&](Progress& progress) {
    const Plan plan = plan_from(plan_json, false);
    RunSettings settings = synth_options(plan).settings;
    settings.generate.threads = settings.train.threads;
    settings.generate.first_unit = first_unit, settings.generate.last_unit = last_unit;
    return generate(model, settings.generate, destination, progress);
  });
  return tables_to_python(destination.metadata(), destination.data());
}

// Generates into the plan's destination; returns the rows written per table.
std::map<std::string, int64_t> generate_plan(const Model& model, const std::string& plan_json,
                                             nb::object progress_callback, int64_t first_unit,
                                             int64_t last_unit) {
  return run_released(std::move(progress_callback), [&](Progress& progress) {
    const Plan plan = plan_from(plan_json, false);
    SynthOptions o = synth_options(plan);
    o.settings.generate.first_unit = first_unit, o.settings.generate.last_unit = last_unit;
    if (o.destination.empty()) throw UsageError("no destination: pass to=...");
    // Never onto the data the model was fitted on (when the package knows it).
    std::vector<Place> places = {{"to", o.destination, true}};
    if (!plan.source.empty() && plan.source != "tables:") places.push_back({"source", plan.source});
    check_places_apart(places);
    auto destination = open_checked(o, progress);
    return generate_to(model, o, *destination, progress);
  });
}

// A file the package writes (a model, metadata, a report) lands on none of `inputs` (the data
// it was made from) and on no file but relsynth's own, as the CLI's outputs.
void check_output_file(const std::string& what, const std::string& path,
                       const std::vector<std::string>& inputs) {
  std::vector<Place> places = {{what, path, true, true}};
  for (const std::string& input : inputs)
    if (!input.empty() && input != "tables:") places.push_back({"input", input});
  check_places_apart(places);
  check_replaceable_output_file(what, path);
  prepare_output_file(what, path);
}

// A database to report on: a URI, or tables in memory (name -> pyarrow Table).
std::unique_ptr<Source> report_source(const nb::handle& database) {
  if (nb::isinstance<nb::dict>(database)) {
    TablesIn in = tables_from_python(nb::borrow<nb::dict>(database));
    return make_memory_source(std::move(in.declared), std::move(in.data));
  }
  return open_source(nb::cast<std::string>(database));
}

std::string report_name(const nb::handle& database) {
  return nb::isinstance<nb::dict>(database) ? "the tables given"
                                            : display_uri(nb::cast<std::string>(database));
}

// The report of `synthetic` against `real`, as JSON and HTML.
std::pair<std::string, std::string> report_pair(const nb::object& real, const nb::object& synthetic,
                                                std::optional<std::string> metadata_json,
                                                uint64_t seed, bool detection, bool privacy,
                                                double scale, nb::object progress_callback) {
  std::unique_ptr<Source> real_source = report_source(real);
  std::unique_ptr<Source> synthetic_source = report_source(synthetic);
  const std::string real_name = report_name(real), synthetic_name = report_name(synthetic);
  return run_released(std::move(progress_callback), [&](Progress& progress) {
    std::optional<Metadata> metadata;
    if (metadata_json) metadata = metadata_from_json(*metadata_json);
    ReportInputs inputs = read_report_inputs(*real_source, *synthetic_source, synthetic_name,
                                             metadata ? &*metadata : nullptr, progress);
    ReportOptions options;
    options.seed = seed;
    options.detection = detection;
    options.privacy = privacy;
    options.scale = scale;
    progress.step("evaluating");
    Report result = evaluate(inputs.metadata, inputs.real, inputs.synthetic, options);
    progress.done();
    return std::make_pair(to_json(result),
                          to_html(result, inputs.metadata, synthetic_name + " vs " + real_name));
  });
}

}  // namespace

}  // namespace relsynth::python

NB_MODULE(_core, m) {
  using namespace relsynth;
  using namespace relsynth::python;
  m.doc() = "relsynth's native core (use the relsynth package, not this module)";
  m.attr("version") = RELSYNTH_VERSION;

  error_type = new_error_type(m, "Error", "Any error relsynth reports.", PyExc_Exception);
  nb::object value_bases = nb::make_tuple(nb::handle(error_type), nb::handle(PyExc_ValueError));
  usage_error_type = new_error_type(
      m, "UsageError", "A bad argument, setting or plan: fix the call.", value_bases.ptr());
  input_error_type = new_error_type(
      m, "InputError",
      "Bad data, schema or metadata. .table, .column and .row (0-based) say where, when known.",
      value_bases.ptr());
  nb::object io_bases = nb::make_tuple(nb::handle(error_type), nb::handle(PyExc_OSError));
  io_error_type =
      new_error_type(m, "IoError", "A file, database or network operation failed.", io_bases.ptr());
  nb::register_exception_translator(&translate_errors);

  m.def("check_output_file", &check_output_file, nb::arg("what"), nb::arg("path"),
        nb::arg("inputs"),
        "Refuses a file output onto one of `inputs` (paths or URIs) or onto a file relsynth did "
        "not write; creates missing folders.");
  m.def(
      "write_output_file",
      [](const std::string& what, const std::string& path, const std::string& text,
         const std::vector<std::string>& inputs) {
        check_output_file(what, path, inputs);
        write_file_atomically(path, text, what);
      },
      nb::arg("what"), nb::arg("path"), nb::arg("text"), nb::arg("inputs"),
      "check_output_file, then writes `text` there whole (staged and renamed).");
  m.def(
      "metadata_from_json",
      [](const std::string& json) { return to_json(metadata_from_json(json)); }, nb::arg("json"),
      "Reads relsynth's (or SDV's) metadata JSON; relsynth's JSON of it.");
  m.def(
      "metadata_from_sdv",
      [](const std::string& json) { return to_json(metadata_from_sdv_json(json)); },
      nb::arg("json"), "SDV's multi-table metadata JSON as relsynth's.");
  m.def(
      "metadata_to_sdv",
      [](const std::string& json) { return to_sdv_json(metadata_from_json(json)); },
      nb::arg("json"), "relsynth's metadata JSON as SDV's.");
  m.def(
      "validate_metadata",
      [](const std::string& json) {
        std::vector<std::pair<std::string, std::string>> out;
        for (const ValidationIssue& issue : validate(metadata_from_json(json)))
          out.emplace_back(issue.severity == ValidationIssue::Severity::Error ? "error" : "warning",
                           issue.message);
        return out;
      },
      nb::arg("json"), "The metadata's problems as (severity, text) pairs.");
  m.def(
      "find_location",
      [](const std::string& message) {
        const ErrorPlace place = find_location(message);
        return std::make_tuple(place.table, place.column, place.row);
      },
      nb::arg("message"), "(table, column, row) a message names (empty / -1 when none).");
  m.def("settings", &settings_table, "Every declared setting: name, flag, section, default, doc.");
  m.def("check_plan", &check_plan, nb::arg("plan_json"),
        "The plan's problems as (severity, text) pairs.");
  m.def("inspect", &inspect, nb::arg("plan_json"), nb::arg("tables").none(),
        nb::arg("progress").none(),
        "Reads the plan's source: its metadata as JSON and inference's warnings.");
  m.def("read_source", &read_source, nb::arg("uri"), nb::arg("progress").none(),
        "Every table of a source as it declares it: name -> Arrow stream capsule.");
  m.def(
      "read_plan",
      [](const std::string& path) {
        std::vector<PlanIssue> issues;
        Plan plan = load_plan(path, issues);
        throw_errors(issues, path + ":\n");
        return plan_to_json(plan);
      },
      nb::arg("path"), "A plan file (YAML or JSON) as the plan's JSON.");
  m.def(
      "echo_tables",
      [](const nb::dict& tables) {
        TablesIn in = tables_from_python(tables);
        return tables_to_python(in.declared, in.data);
      },
      nb::arg("tables"),
      "The tables through relsynth's columns and back (the boundary's cost and fidelity).");
  m.def("report", &report_pair, nb::arg("real"), nb::arg("synthetic"),
        nb::arg("metadata_json").none(), nb::arg("seed"), nb::arg("detection"), nb::arg("privacy"),
        nb::arg("scale"), nb::arg("progress").none(),
        "The report of a synthetic database: (json, html).");

  nb::class_<Model>(m, "Model", "A trained model of a whole database.")
      .def_static("train", &train_plan, nb::arg("plan_json"), nb::arg("tables").none(),
                  nb::arg("fit_cache"), nb::arg("progress").none(),
                  "Trains on the plan's source with its metadata and settings.")
      .def_static("load", &Model::load, nb::arg("path"), nb::call_guard<nb::gil_scoped_release>())
      .def("save", &Model::save, nb::arg("path"), nb::call_guard<nb::gil_scoped_release>())
      .def("metadata_json", [](const Model& model) { return to_json(model.metadata()); })
      .def_prop_ro("warnings", &Model::warnings)
      .def("generate", &generate_plan, nb::arg("plan_json"), nb::arg("progress").none(),
           nb::arg("first_unit") = 0, nb::arg("last_unit") = -1,
           "Generates into the plan's destination (units first..last, -1: the last); the rows "
           "written per table.")
      .def("generate_tables", &generate_tables, nb::arg("plan_json"), nb::arg("progress").none(),
           nb::arg("first_unit") = 0, nb::arg("last_unit") = -1,
           "Generates in memory (units first..last, -1: the last): name -> Arrow stream capsule.")
      .def(
          "units",
          [](const Model& model, double scale) {
            GenerateOptions options;
            options.scale = scale;
            return generation_units(model, options);
          },
          nb::arg("scale"), "The number of independent units a run of this scale generates.");
}
