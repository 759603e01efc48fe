#include "runs/run_json.h"

namespace relsynth::runs {

namespace {

using Json = nlohmann::ordered_json;

Json or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json seconds_json(const std::string& started, const std::string& ended) {
  const double seconds = seconds_taken(started, ended);
  return seconds < 0 ? Json(nullptr) : Json(seconds);
}

}  // namespace

double seconds_taken(const std::string& started, const std::string& ended) {
  if (started.empty()) return -1;
  return seconds_between(started, ended.empty() ? utc_now() : ended);
}

Json execution_json(const Execution& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"status", to_string(e.status)},
          {"seed", e.seed},
          {"scale", e.scale},
          {"rows", e.root_rows},
          {"created", e.created},
          {"started", or_null(e.started)},
          {"ended", or_null(e.ended)},
          {"seconds", seconds_json(e.started, e.ended)},
          {"user", e.user},
          {"host", e.host},
          {"pid", e.pid},
          {"plan_hash", e.plan_hash},
          {"source", e.source},
          {"destination", e.destination},
          {"output", or_null(e.output)},
          {"rows_written", e.rows_written < 0 ? Json(nullptr) : Json(e.rows_written)},
          {"error", or_null(e.error)},
          {"failed_table", or_null(e.failed_table)},
          {"model_file", or_null(e.model_file)},
          {"model_from", e.model_from > 0 ? Json(e.model_from) : Json(nullptr)},
          {"report_html", or_null(e.report_html)},
          {"report_json", or_null(e.report_json)},
          {"training_key", e.training_key},
          {"folder", e.folder}};
}

Json step_json(const Step& s) {
  return {{"seq", s.seq},
          {"name", s.name},
          {"table", or_null(s.table)},
          {"status", s.status},
          {"started", s.started},
          {"ended", or_null(s.ended)},
          {"seconds", seconds_json(s.started, s.ended)},
          {"done", s.done},
          {"total", s.total},
          {"note", s.note}};
}

Json warning_json(const Warning& w) {
  return {{"seq", w.seq}, {"step", w.step}, {"text", w.text}, {"time", w.time}};
}

}  // namespace relsynth::runs
