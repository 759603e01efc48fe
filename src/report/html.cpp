// The report as one self-contained HTML page: inline CSS and inline SVG only, so it opens
// offline, can be mailed as a single file and prints as it shows.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "relsynth/report.h"
#include "report/format.h"

namespace relsynth {

namespace {

// Replaces invalid UTF-8 and control characters with U+FFFD so a stray byte in a name cannot
// break the page, then escapes the five HTML-special characters.
std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          if (c < 0x20 && c != '\t' && c != '\n')
            out += "\xEF\xBF\xBD";
          else
            out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (c >= 0xF5) len = 0;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) ok = (s[i + k] & 0xC0) == 0x80;
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// At most `max` code points, with an ellipsis; the full name goes in a <title> tooltip.
std::string shorten(std::string_view text, size_t max) {
  size_t points = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points == max) break;
    ++points;
  }
  if (i >= text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "\xE2\x80\xA6";
}

std::string fmt(double value, int digits = 3) { return format_fixed(value, digits, "&#8211;"); }
std::string pct(double share) { return format_percent(share, "&#8211;"); }

std::string num(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// The CLI summary's thresholds (report_command.cpp): score >= 0.9 good, >= 0.75 fair.
std::string light(double value) {
  if (std::isnan(value)) return "na";
  return value >= 0.9 ? "good" : value >= 0.75 ? "fair" : "poor";
}

// Detection is judged as the CLI does: 1.5 - AUC on the same scale.
std::string auc_light(double auc) { return std::isnan(auc) ? "na" : light(1.5 - auc); }

// A table's detection: "noise" when the caveat says the figure means nothing.
std::string auc_light(const DetectionResult& detection) {
  return detection.caveat.empty() ? auc_light(detection.auc) : "noise";
}

// The most telling features of a detector, each with a bar scaled to the top one (blue: not a
// verdict).
std::string feature_bars(const std::vector<std::pair<std::string, double>>& features,
                         const std::string& importance_name) {
  if (features.empty()) return {};
  double top = 0;
  for (const auto& f : features) top = std::max(top, f.second);
  std::ostringstream out;
  out << "<table><tr><th>most telling features</th><th>" << importance_name << "</th><th>"
      << "</th></tr>";
  for (const auto& [name, importance] : features) {
    const double w = top > 0 ? std::max(0.0, importance) / top * 120 : 0;
    out << "<tr><td class=\"name\">" << esc(name) << "</td><td class=\"n\">" << fmt(importance)
        << "</td><td><svg class=\"bar\" width=\"120\" height=\"12\" "
        << "viewBox=\"0 0 120 12\" role=\"img\"><rect width=\"120\" height=\"12\" "
        << "fill=\"#eceff1\"/><rect width=\"" << num(w)
        << "\" height=\"12\" fill=\"#1e6fd9\"/></svg></td></tr>";
  }
  out << "</table>";
  return out.str();
}

std::string badge(const std::string& kind) {
  if (kind == "na") return "<span class=\"badge na\">n/a</span>";
  return "<span class=\"badge " + kind + "\">" + kind + "</span>";
}

// Red below 0.5, through amber, to green at 1: most scores live in the upper half.
std::string heat(double score) {
  if (std::isnan(score)) return "#d9d9d9";
  const double t = std::clamp((score - 0.5) / 0.5, 0.0, 1.0);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "hsl(%.0f,62%%,%.0f%%)", t * 120, 48 + 4 * t);
  return buffer;
}

std::string bar_color(double score) {
  const std::string l = light(score);
  return l == "good" ? "#2e7d32" : l == "fair" ? "#e0a000" : l == "poor" ? "#c62828" : "#999";
}

// A small horizontal bar for a score in [0, 1].
std::string score_bar(double score, int width = 160) {
  std::ostringstream out;
  const double w = std::isnan(score) ? 0 : std::clamp(score, 0.0, 1.0) * width;
  out << "<svg class=\"bar\" width=\"" << width << "\" height=\"12\" viewBox=\"0 0 " << width
      << " 12\" role=\"img\"><rect width=\"" << width
      << "\" height=\"12\" fill=\"#eceff1\"/><rect width=\"" << num(w) << "\" height=\"12\" fill=\""
      << bar_color(score) << "\"/></svg>";
  return out.str();
}

const char* kStyle = R"(
:root{--good:#2e7d32;--fair:#e0a000;--poor:#c62828;--ink:#1f2933;--muted:#5f6b7a;--line:#d8dee4}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:var(--ink);margin:0 auto;max-width:1100px;padding:24px 28px;line-height:1.4;font-size:14px;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid
 var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.sub{color:var(--muted);margin:0 0 16px;word-break:break-all}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 12px;border-left:6px solid #999}
.card.good{border-left-color:var(--good)}.card.fair{border-left-color:var(--fair)}
.card.poor{border-left-color:var(--poor)}.card .v{font-size:22px;font-weight:600}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .d{color:var(--muted);font-size:12px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:11px;font-weight:600;
 color:#fff;vertical-align:middle;text-transform:uppercase}
.badge.good{background:var(--good)}.badge.fair{background:var(--fair);color:#222}
.badge.poor{background:var(--poor)}.badge.na{background:#aaa}.badge.noise{background:#888}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:3px 10px 3px 0;text-align:left;
 vertical-align:middle}th{color:var(--muted);font-weight:600}td.n{text-align:right;
 font-variant-numeric:tabular-nums}.name{word-break:break-word;max-width:320px}
section.table{break-inside:avoid-page;border-top:1px solid var(--line);margin-top:22px}
.grid2{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.muted{color:var(--muted)}.fail{color:var(--poor);font-weight:600}svg{overflow:visible}
svg text{font-family:inherit}.legend span{display:inline-block;width:10px;height:10px;
 margin:0 4px 0 12px;vertical-align:middle}
a{color:inherit}svg.graph{max-width:100%;height:auto}td.n{white-space:nowrap}
.dists{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px 20px;
 align-items:start;margin-top:8px}div.dist{break-inside:avoid;min-width:0}
div.dist .dh{font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
svg.dist{display:block;width:100%;height:auto;max-width:360px}
@media (max-width:900px){.dists{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media print{.dists{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media print{body{padding:0;max-width:none}h2{break-after:avoid}.card,.chart{break-inside:avoid}}
)";

// --- Table graph ------------------------------------------------------------------------------

std::string table_graph(const Report& report, const Metadata& metadata) {
  const size_t n = report.tables.size();
  if (n == 0) return "<p class=\"muted\">No tables.</p>";
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < n; ++i) index.emplace(report.tables[i].name, i);
  struct Edge {
    size_t child, parent;
    std::string label;
  };
  // Edges that close a cycle (as the generator breaks them) and self references do not add
  // depth, so a cycle cannot stretch the graph.
  const KeyGraph graph = build_key_graph(metadata);
  std::vector<Edge> edges;
  std::vector<bool> breaks;
  for (const TableMeta& table : metadata.tables) {
    auto child = index.find(table.name);
    if (child == index.end()) continue;
    for (size_t k = 0; k < table.foreign_keys.size(); ++k) {
      const ForeignKey& fk = table.foreign_keys[k];
      auto parent = index.find(fk.parent_table);
      if (parent == index.end()) continue;
      edges.push_back({child->second, parent->second,
                       table.name + "(" + join(fk.columns) + ") \xE2\x86\x92 " + fk.parent_table +
                           "(" + join(fk.parent_columns) + ")"});
      breaks.push_back(child->second == parent->second ||
                       std::find(graph.cycle_breaks.begin(), graph.cycle_breaks.end(),
                                 std::pair{table.name, k}) != graph.cycle_breaks.end());
    }
  }
  // Depth = longest parent chain over the remaining acyclic edges; the round cap is a guard.
  std::vector<size_t> depth(n, 0);
  for (size_t round = 0; round < n; ++round) {
    bool changed = false;
    for (size_t e = 0; e < edges.size(); ++e)
      if (!breaks[e] && depth[edges[e].child] < depth[edges[e].parent] + 1 &&
          depth[edges[e].parent] + 1 < n) {
        depth[edges[e].child] = depth[edges[e].parent] + 1;
        changed = true;
      }
    if (!changed) break;
  }
  const size_t levels = *std::max_element(depth.begin(), depth.end()) + 1;
  std::vector<size_t> slot(n), per_level(levels, 0);
  for (size_t i = 0; i < n; ++i) slot[i] = per_level[depth[i]]++;
  const size_t rows = *std::max_element(per_level.begin(), per_level.end());
  const double W = 170, H = 46, gx = 70, gy = 18, top = 34, left = 10;
  auto bx = [&](size_t i) { return left + static_cast<double>(depth[i]) * (W + gx); };
  auto by = [&](size_t i) { return top + static_cast<double>(slot[i]) * (H + gy); };
  const double width = left * 2 + static_cast<double>(levels) * (W + gx) - gx;
  const double height = top + static_cast<double>(rows) * (H + gy);

  std::ostringstream out;
  // Scales down (never up) to the page width, so wide schemas still print.
  out << "<svg class=\"chart graph\" width=\"" << num(width) << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << num(width) << " " << num(height)
      << "\" role=\"img\" aria-label=\"table graph\">"
         "<defs><marker id=\"rs-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
         "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
         "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#607d8b\"/></marker></defs>";
  for (const Edge& e : edges) {
    std::string d;
    const double cx = bx(e.child), cy = by(e.child), px = bx(e.parent), py = by(e.parent);
    if (e.child == e.parent) {
      // A self reference: a loop over the box's top right corner.
      d = "M" + num(cx + W - 40) + "," + num(cy) + " C" + num(cx + W - 40) + "," + num(cy - 28) +
          " " + num(cx + W + 18) + "," + num(cy - 18) + " " + num(cx + W) + "," + num(cy + 10);
    } else if (px + W < cx) {
      const double x1 = cx, y1 = cy + H / 2, x2 = px + W, y2 = py + H / 2, m = (x1 + x2) / 2;
      d = "M" + num(x1) + "," + num(y1) + " C" + num(m) + "," + num(y1) + " " + num(m) + "," +
          num(y2) + " " + num(x2) + "," + num(y2);
    } else {
      // An edge that closes a cycle (or a same-level edge): arc above the boxes.
      const double x1 = cx + W / 2, y1 = cy, x2 = px + W / 2 + 8, y2 = py;
      const double lift = std::min(y1, y2) - 30;
      d = "M" + num(x1) + "," + num(y1) + " C" + num(x1) + "," + num(lift) + " " + num(x2) + "," +
          num(lift) + " " + num(x2) + "," + num(y2);
    }
    out << "<path d=\"" << d
        << "\" fill=\"none\" stroke=\"#607d8b\" stroke-width=\"1.4\" marker-end=\"url(#rs-arrow)\">"
        << "<title>" << esc(e.label) << "</title></path>";
  }
  for (size_t i = 0; i < n; ++i) {
    const TableReport& t = report.tables[i];
    const double score = t.column_shapes_score;
    out << "<a href=\"#t" << i << "\"><g><title>" << esc(t.name) << "</title><rect x=\""
        << num(bx(i)) << "\" y=\"" << num(by(i)) << "\" width=\"" << num(W) << "\" height=\""
        << num(H) << "\" rx=\"6\" fill=\"#f7f9fb\" stroke=\"" << bar_color(score)
        << "\" stroke-width=\"2\"/><text x=\"" << num(bx(i) + 10) << "\" y=\"" << num(by(i) + 19)
        << "\" font-size=\"13\" font-weight=\"600\" fill=\"#1f2933\">" << esc(shorten(t.name, 20))
        << "</text><text x=\"" << num(bx(i) + 10) << "\" y=\"" << num(by(i) + 36)
        << "\" font-size=\"11\" fill=\"#5f6b7a\">" << t.real_rows << " \xE2\x86\x92 "
        << t.synthetic_rows << " rows \xC2\xB7 " << fmt(score, 2) << "</text></g></a>";
  }
  out << "</svg>";
  return out.str();
}

// --- Pair trends ------------------------------------------------------------------------------

// A colored cell of a pair matrix, with its tooltip.
struct Cell {
  std::string fill, title;
};

// A symmetric column x column matrix of `t`'s pairs (both triangles, so a row reads as "this
// column against every other"); empty beyond 40 columns.
std::string pair_matrix(const TableReport& t, const std::string& label,
                        const std::function<Cell(const PairTrend&)>& cell_of) {
  std::vector<std::string> names;
  std::map<std::string, size_t> position;
  auto add = [&](const std::string& name) {
    if (position.emplace(name, names.size()).second) names.push_back(name);
  };
  for (const ColumnShape& c : t.column_shapes)
    for (const PairTrend& p : t.pair_trends)
      if (p.column1 == c.column || p.column2 == c.column) {
        add(c.column);
        break;
      }
  for (const PairTrend& p : t.pair_trends) add(p.column1), add(p.column2);
  const size_t k = names.size();
  if (k < 2 || k > 40) return "";
  const double cell = k <= 20 ? 18 : 12, label_left = 130, label_top = 96;
  const double size = cell * static_cast<double>(k);
  std::ostringstream out;
  out << "<svg class=\"chart\" width=\"" << num(label_left + size + 10) << "\" height=\""
      << num(label_top + size + 6) << "\" viewBox=\"0 0 " << num(label_left + size + 10) << " "
      << num(label_top + size + 6) << "\" role=\"img\" aria-label=\"" << esc(label) << "\">";
  for (size_t i = 0; i < k; ++i) {
    const double c = label_left + cell * (static_cast<double>(i) + 0.5);
    const double r = label_top + cell * (static_cast<double>(i) + 0.5) + 4;
    out << "<text x=\"" << num(label_left - 6) << "\" y=\"" << num(r)
        << "\" font-size=\"11\" text-anchor=\"end\" fill=\"#1f2933\">" << esc(shorten(names[i], 18))
        << "<title>" << esc(names[i]) << "</title></text>";
    out << "<text transform=\"translate(" << num(c + 3) << "," << num(label_top - 6)
        << ") rotate(-50)\" font-size=\"11\" fill=\"#1f2933\">" << esc(shorten(names[i], 16))
        << "<title>" << esc(names[i]) << "</title></text>";
    out << "<rect x=\"" << num(label_left + cell * static_cast<double>(i)) << "\" y=\""
        << num(label_top + cell * static_cast<double>(i)) << "\" width=\"" << num(cell)
        << "\" height=\"" << num(cell) << "\" fill=\"#f2f4f6\"/>";
  }
  for (const PairTrend& p : t.pair_trends) {
    const Cell c = cell_of(p);
    size_t a = position[p.column1], b = position[p.column2];
    for (int side = 0; side < 2; ++side, std::swap(a, b)) {
      out << "<rect x=\"" << num(label_left + cell * static_cast<double>(a)) << "\" y=\""
          << num(label_top + cell * static_cast<double>(b)) << "\" width=\"" << num(cell - 1)
          << "\" height=\"" << num(cell - 1) << "\" fill=\"" << c.fill << "\"><title>"
          << esc(p.column1) << " \xC3\x97 " << esc(p.column2) << ": " << c.title
          << "</title></rect>";
    }
  }
  out << "</svg>";
  return out.str();
}

// Each pair's trend score: green kept, red lost.
std::string pair_heatmap(const TableReport& t) {
  return pair_matrix(t, "pair trend heatmap", [](const PairTrend& p) {
    return Cell{heat(p.score), fmt(p.score) + " (" + esc(p.metric) + ")"};
  });
}

// A signed association on a diverging scale: white 0, blue +1, red -1, grey unknown.
std::string association_color(std::optional<double> value) {
  if (!value || std::isnan(*value)) return "#d9d9d9";
  const double v = std::clamp(*value, -1.0, 1.0);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "hsl(%d,70%%,%.0f%%)", v < 0 ? 0 : 214,
                97 - 47 * std::fabs(v));
  return buffer;
}

// Real and synthetic association matrices side by side: Pearson r for two numbers, Cramér's V
// for a pair with a category. A model that keeps the trends draws two equal pictures.
std::string association_heatmaps(const TableReport& t) {
  auto side = [&](bool real) {
    return pair_matrix(t, real ? "real correlation heatmap" : "synthetic correlation heatmap",
                       [real](const PairTrend& p) {
                         const bool pearson = p.real_correlation || p.synthetic_correlation;
                         const std::optional<double> v =
                             pearson ? (real ? p.real_correlation : p.synthetic_correlation)
                                     : (real ? p.real_cramers_v : p.synthetic_cramers_v);
                         return Cell{association_color(v), std::string(pearson ? "r = " : "V = ") +
                                                               (v ? fmt(*v, 2) : "n/a")};
                       });
  };
  const std::string real = side(true);
  if (real.empty()) return "";
  return "<h3>Correlations, real | synthetic</h3><p class=\"muted\">Pearson r for two numbers, "
         "Cram&#233;r's V for a pair with a category (NULL a category); blue positive, red "
         "negative, white none.</p><div class=\"grid2\"><div><b>real</b><br>" +
         real + "</div><div><b>synthetic</b><br>" + side(false) + "</div></div>";
}

// The lowest-scoring pairs, worst first: where the model lost a relationship.
std::string worst_pairs(const std::vector<PairTrend>& pairs, size_t limit, const std::string& first,
                        const std::string& second) {
  std::vector<const PairTrend*> sorted;
  for (const PairTrend& p : pairs) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(), [](const PairTrend* a, const PairTrend* b) {
    const double x = std::isnan(a->score) ? 2 : a->score, y = std::isnan(b->score) ? 2 : b->score;
    return x < y;
  });
  if (sorted.size() > limit) sorted.resize(limit);
  if (sorted.empty()) return "";
  std::ostringstream out;
  out << "<table><tr><th>" << first << "</th><th>" << second
      << "</th><th>metric</th><th>score</th><th></th><th>r or V real / synth.</th></tr>";
  for (const PairTrend* p : sorted) {
    out << "<tr><td class=\"name\">" << esc(p->column1) << "</td><td class=\"name\">"
        << esc(p->column2) << "</td><td class=\"muted\">" << esc(p->metric)
        << "</td><td class=\"n\">" << fmt(p->score) << "</td><td>" << score_bar(p->score, 100)
        << "</td><td class=\"n\">";
    if (p->real_correlation && p->synthetic_correlation)
      out << fmt(*p->real_correlation, 2) << " / " << fmt(*p->synthetic_correlation, 2);
    else if (p->real_cramers_v && p->synthetic_cramers_v)
      out << fmt(*p->real_cramers_v, 2) << " / " << fmt(*p->synthetic_cramers_v, 2);
    out << "</td></tr>";
  }
  out << "</table>";
  return out.str();
}

// --- DCR histograms ---------------------------------------------------------------------------

std::string dcr_chart(const PrivacyResult& p) {
  const size_t bins = std::max(p.dcr_histogram.size(), p.dcr_baseline_histogram.size());
  if (bins == 0) return "";
  double peak = 0;
  for (double v : p.dcr_histogram) peak = std::max(peak, v);
  for (double v : p.dcr_baseline_histogram) peak = std::max(peak, v);
  if (peak <= 0) peak = 1;
  const double bw = 22, h = 120, left = 40, top = 10;
  const double width = left + bw * static_cast<double>(bins) + 10, height = top + h + 34;
  std::ostringstream out;
  out << "<svg class=\"chart\" width=\"" << num(width) << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << num(width) << " " << num(height)
      << "\" role=\"img\" aria-label=\"DCR histogram\">";
  for (int g = 0; g <= 4; ++g) {
    const double y = top + h - h * g / 4.0;
    out << "<line x1=\"" << num(left) << "\" x2=\"" << num(width - 10) << "\" y1=\"" << num(y)
        << "\" y2=\"" << num(y) << "\" stroke=\"#e3e7eb\"/><text x=\"" << num(left - 4) << "\" y=\""
        << num(y + 4) << "\" font-size=\"10\" text-anchor=\"end\" fill=\"#5f6b7a\">"
        << num(peak * g / 4.0 * 100) << "%</text>";
  }
  auto bars = [&](const std::vector<double>& values, double offset, const char* color,
                  const char* label) {
    for (size_t b = 0; b < values.size(); ++b) {
      const double v = std::max(0.0, values[b]), bh = h * v / peak;
      out << "<rect x=\"" << num(left + bw * static_cast<double>(b) + offset) << "\" y=\""
          << num(top + h - bh) << "\" width=\"" << num(bw / 2 - 1.5) << "\" height=\"" << num(bh)
          << "\" fill=\"" << color << "\"><title>" << label << ", distance "
          << fmt(static_cast<double>(b) / static_cast<double>(bins), 2) << "\xE2\x80\x93"
          << fmt(static_cast<double>(b + 1) / static_cast<double>(bins), 2) << ": " << pct(v)
          << "</title></rect>";
    }
  };
  bars(p.dcr_baseline_histogram, 1, "#9aa5b1", "real baseline");
  bars(p.dcr_histogram, bw / 2, "#1e6fd9", "synthetic");
  for (int g = 0; g <= 4; ++g) {
    const double x = left + bw * static_cast<double>(bins) * g / 4.0;
    out << "<text x=\"" << num(x) << "\" y=\"" << num(top + h + 14)
        << "\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5f6b7a\">" << fmt(g / 4.0, 2)
        << "</text>";
  }
  out << "<text x=\"" << num(left + bw * static_cast<double>(bins) / 2) << "\" y=\""
      << num(top + h + 30)
      << "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5f6b7a\">distance to closest real "
         "record (Gower)</text></svg>";
  out << "<div class=\"legend muted\"><span style=\"background:#9aa5b1\"></span>real half "
         "\xE2\x86\x92 other real half (baseline)<span style=\"background:#1e6fd9\"></span>"
         "synthetic \xE2\x86\x92 real</div>";
  return out.str();
}

// --- Column distributions ---------------------------------------------------------------------

constexpr const char* kRealColor = "#9aa5b1";
constexpr const char* kSyntheticColor = "#1e6fd9";

// "NULL real 5.0% · synthetic 4.8%": every plot states the NULL shares its bars leave out
// (none for a plot without NULLs to speak of: both shares NaN).
std::string null_line(const ColumnShape& c, double x, double y) {
  if (std::isnan(c.real_null_share) && std::isnan(c.synthetic_null_share)) return "";
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) +
         "\" font-size=\"10.5\" fill=\"#5f6b7a\">NULL real " + pct(c.real_null_share) +
         " \xC2\xB7 synthetic " + pct(c.synthetic_null_share) + "</text>";
}

// Share axis labels: whole percents when the peak allows, one decimal otherwise.
std::string share_text(double share) {
  return format_fixed(share * 100, share * 100 >= 10 || share == 0 ? 0 : 1, "") + "%";
}

// Overlaid histogram: real bars in grey, synthetic as a blue outline over the same bins, with
// open-ended bins for the values below and above the edges (drawn apart, marked < and >).
std::string histogram_svg(const ColumnShape& c) {
  const ColumnDistribution& d = c.distribution;
  const size_t bins = d.real.size();
  const bool below = d.real_below > 0 || d.synthetic_below > 0;
  const bool above = d.real_above > 0 || d.synthetic_above > 0;
  double peak = 0;
  for (size_t b = 0; b < bins; ++b) peak = std::max({peak, d.real[b], d.synthetic[b]});
  peak = std::max({peak, d.real_below, d.synthetic_below, d.real_above, d.synthetic_above});
  if (peak <= 0) peak = 1;
  const double W = 300, left = 36, right = 6, top = 8, h = 96, gap = 5;
  const double slots = static_cast<double>(bins) + (below ? 1 : 0) + (above ? 1 : 0);
  const double bw = (W - left - right - (below ? gap : 0) - (above ? gap : 0)) / slots;
  const double x0 = left + (below ? bw + gap : 0);  // the first bin's left edge
  const double x_end = x0 + bw * static_cast<double>(bins);
  const double height = top + h + 34;
  auto y_of = [&](double share) { return top + h - h * std::max(0.0, share) / peak; };
  std::ostringstream out;
  out << "<svg class=\"dist\" width=\"" << num(W) << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << num(W) << " " << num(height) << "\" role=\"img\" aria-label=\""
      << esc(c.column) << " histogram\">";
  for (int g = 0; g <= 2; ++g) {
    const double y = top + h - h * g / 2.0;
    out << "<line x1=\"" << num(left) << "\" x2=\"" << num(W - right) << "\" y1=\"" << num(y)
        << "\" y2=\"" << num(y) << "\" stroke=\"" << (g ? "#e3e7eb" : "#b0b8c1") << "\"/><text x=\""
        << num(left - 4) << "\" y=\"" << num(y + 3.5)
        << "\" font-size=\"10\" text-anchor=\"end\" fill=\"#5f6b7a\">" << share_text(peak * g / 2.0)
        << "</text>";
  }
  // Real bars in grey, then the synthetic histogram over them as a blue step outline (one
  // path over the bins, a box for each outside bin); transparent covers carry the tooltips.
  const double base = top + h;
  auto real_bar = [&](double x, double share) {
    out << "<rect x=\"" << num(x + 0.5) << "\" y=\"" << num(y_of(share)) << "\" width=\""
        << num(std::max(0.5, bw - 1)) << "\" height=\"" << num(base - y_of(share)) << "\" fill=\""
        << kRealColor << "\"/>";
  };
  auto synthetic_path = [&](double x, const double* shares, size_t n) {
    std::string d_attr = "M" + num(x) + "," + num(base);
    for (size_t b = 0; b < n; ++b) {
      const double y = y_of(shares[b]);
      d_attr += " L" + num(x + bw * static_cast<double>(b)) + "," + num(y) + " L" +
                num(x + bw * static_cast<double>(b + 1)) + "," + num(y);
    }
    d_attr += " L" + num(x + bw * static_cast<double>(n)) + "," + num(base);
    out << "<path d=\"" << d_attr << "\" fill=\"" << kSyntheticColor
        << "\" fill-opacity=\"0.13\" stroke=\"" << kSyntheticColor
        << "\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>";
  };
  auto cover = [&](double x, double real, double synthetic, const std::string& what) {
    out << "<rect x=\"" << num(x) << "\" y=\"" << num(top) << "\" width=\"" << num(bw)
        << "\" height=\"" << num(h) << "\" fill=\"transparent\"><title>" << what << ": real "
        << pct(real) << ", synthetic " << pct(synthetic) << "</title></rect>";
  };
  const double label_y = top + h + 13;
  for (size_t b = 0; b < bins; ++b) real_bar(x0 + bw * static_cast<double>(b), d.real[b]);
  if (below) real_bar(left, d.real_below);
  if (above) real_bar(x_end + gap, d.real_above);
  synthetic_path(x0, d.synthetic.data(), bins);
  if (below && d.synthetic_below > 0) synthetic_path(left, &d.synthetic_below, 1);
  if (above && d.synthetic_above > 0) synthetic_path(x_end + gap, &d.synthetic_above, 1);
  const bool unit = d.edges[1] - d.edges[0] == 1 && std::floor(d.edges[0]) + 0.5 == d.edges[0];
  for (size_t b = 0; b < bins; ++b)
    cover(x0 + bw * static_cast<double>(b), d.real[b], d.synthetic[b],
          unit ? esc(d.edge_labels[b])
               : esc(d.edge_labels[b]) + " \xE2\x80\x93 " + esc(d.edge_labels[b + 1]));
  if (below) {
    cover(left, d.real_below, d.synthetic_below, "below " + esc(d.edge_labels.front()));
    out << "<text x=\"" << num(left + bw / 2) << "\" y=\"" << num(label_y)
        << "\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5f6b7a\">&lt;</text>";
  }
  if (above) {
    cover(x_end + gap, d.real_above, d.synthetic_above, "above " + esc(d.edge_labels.back()));
    out << "<text x=\"" << num(x_end + gap + bw / 2) << "\" y=\"" << num(label_y)
        << "\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5f6b7a\">&gt;</text>";
  }
  // Edge labels at the ends and in the middle (the ends at the 1st and 99th percentiles);
  // bins of one whole number each are labelled under their bars instead.
  const size_t mid = bins / 2;
  const std::pair<size_t, const char*> ticks[] = {
      {0, unit ? "middle" : "start"},
      {mid, "middle"},
      {unit ? bins - 1 : bins, unit ? "middle" : "end"}};
  for (size_t i = 0; i < 3; ++i) {
    if (i == 1 && bins < 4) continue;           // no room for a middle label
    if (i == 2 && unit && bins == 1) continue;  // one bar, one label
    const auto& [edge, anchor] = ticks[i];
    const double x = x0 + bw * (static_cast<double>(edge) + (unit ? 0.5 : 0));
    out << "<line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"" << num(top + h)
        << "\" y2=\"" << num(top + h + 3) << "\" stroke=\"#b0b8c1\"/><text x=\"" << num(x)
        << "\" y=\"" << num(label_y) << "\" font-size=\"10\" text-anchor=\"" << anchor
        << "\" fill=\"#1f2933\">" << esc(d.edge_labels[edge]) << "</text>";
  }
  out << null_line(c, left, top + h + 29) << "</svg>";
  return out.str();
}

// Grouped horizontal bars: per category a grey real bar over a blue synthetic one, most
// frequent real category first, then "other".
std::string category_svg(const ColumnShape& c) {
  const ColumnDistribution& d = c.distribution;
  const bool other = d.other_values > 0 || d.real_other > 0 || d.synthetic_other > 0;
  const size_t rows = d.labels.size() + (other ? 1 : 0);
  double peak = std::max(d.real_other, d.synthetic_other);
  for (size_t i = 0; i < d.labels.size(); ++i) peak = std::max({peak, d.real[i], d.synthetic[i]});
  if (peak <= 0) peak = 1;
  const double W = 300, left = 112, right = 14, top = 4, row = 16;
  const double w = W - left - right, plot_h = row * static_cast<double>(rows);
  const double height = top + plot_h + 32;
  std::ostringstream out;
  out << "<svg class=\"dist\" width=\"" << num(W) << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << num(W) << " " << num(height) << "\" role=\"img\" aria-label=\""
      << esc(c.column) << " category bars\">";
  for (int g = 0; g <= 2; ++g) {
    const double x = left + w * g / 2.0;
    out << "<line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"" << num(top) << "\" y2=\""
        << num(top + plot_h) << "\" stroke=\"" << (g ? "#e3e7eb" : "#b0b8c1") << "\"/><text x=\""
        << num(x) << "\" y=\"" << num(top + plot_h + 12) << "\" font-size=\"10\" text-anchor=\""
        << (g == 0   ? "start"
            : g == 1 ? "middle"
                     : "end")
        << "\" fill=\"#5f6b7a\">" << share_text(peak * g / 2.0) << "</text>";
  }
  auto bars = [&](size_t i, const std::string& label, const std::string& full, double real,
                  double synthetic, bool italic) {
    const double y = top + row * static_cast<double>(i);
    out << "<text x=\"" << num(left - 5) << "\" y=\"" << num(y + 11.5)
        << "\" font-size=\"10\" text-anchor=\"end\" fill=\"#1f2933\""
        << (italic ? " font-style=\"italic\"" : "") << ">" << label << "</text>"
        << "<rect x=\"" << num(left) << "\" y=\"" << num(y + 2) << "\" width=\""
        << num(w * std::max(0.0, real) / peak) << "\" height=\"6\" fill=\"" << kRealColor
        << "\"/><rect x=\"" << num(left) << "\" y=\"" << num(y + 8) << "\" width=\""
        << num(w * std::max(0.0, synthetic) / peak) << "\" height=\"6\" fill=\"" << kSyntheticColor
        << "\"/><rect x=\"0\" y=\"" << num(y) << "\" width=\"" << num(W) << "\" height=\""
        << num(row) << "\" fill=\"transparent\"><title>" << full << ": real " << pct(real)
        << ", synthetic " << pct(synthetic) << "</title></rect>";
  };
  for (size_t i = 0; i < d.labels.size(); ++i) {
    const std::string& label = d.labels[i];
    if (label.empty())
      bars(i, "(empty)", "(empty text)", d.real[i], d.synthetic[i], true);
    else
      bars(i, esc(shorten(label, 15)), esc(label), d.real[i], d.synthetic[i], false);
  }
  if (other)
    bars(d.labels.size(), "other (" + std::to_string(d.other_values) + ")",
         "other: " + std::to_string(d.other_values) +
             " values, each less frequent or seen fewer than 5 times in the real data",
         d.real_other, d.synthetic_other, true);
  out << null_line(c, 4, top + plot_h + 27) << "</svg>";
  return out.str();
}

// One small multiple: the column name and its shape score as the title, then its plot.
std::string distribution_plot(const ColumnShape& c) {
  std::ostringstream out;
  out << "<div class=\"dist\"><div class=\"dh\" title=\"" << esc(c.column) << "\"><b>"
      << esc(shorten(c.column, 30)) << "</b> <span class=\"muted\">"
      << (c.metric == "KSComplement"   ? "KS"
          : c.metric == "TVComplement" ? "TV"
                                       : esc(c.metric))
      << "</span> <b style=\"color:" << bar_color(c.score) << "\">" << fmt(c.score) << "</b></div>";
  if (c.distribution.kind == "histogram")
    out << histogram_svg(c);
  else if (c.distribution.kind == "categories")
    out << category_svg(c);
  else
    out << "<svg class=\"dist\" width=\"300\" height=\"40\" viewBox=\"0 0 300 40\" role=\"img\">"
           "<text x=\"4\" y=\"16\" font-size=\"11\" fill=\"#5f6b7a\">no real value to plot</text>"
        << null_line(c, 4, 32) << "</svg>";
  out << "</div>";
  return out.str();
}

std::string distribution_grid(const TableReport& t) {
  if (t.column_shapes.empty()) return "";
  std::ostringstream out;
  out << "<h3>Column distributions</h3><div class=\"legend muted\"><span style=\"background:"
      << kRealColor << "\"></span>real<span style=\"background:" << kSyntheticColor
      << "\"></span>synthetic &#183; shares of non-NULL values; histograms over the real 1st"
         "&#8211;99th percentile, &lt; and &gt; the values outside; categories seen fewer than "
         "5 times in the real data count as other</div><div class=\"dists\">";
  for (const ColumnShape& c : t.column_shapes) out << distribution_plot(c);
  out << "</div>";
  return out.str();
}

// --- Sections ---------------------------------------------------------------------------------

std::string card(const std::string& key, const std::string& value, const std::string& kind,
                 const std::string& detail) {
  return "<div class=\"card " + kind + "\"><div class=\"k\">" + key + "</div><div class=\"v\">" +
         value + " " + badge(kind) + "</div><div class=\"d\">" + detail + "</div></div>";
}

std::string overview(const Report& report) {
  const ReportSummary& s = report.summary;
  std::ostringstream out;
  out << "<h2>Overview</h2><div class=\"cards\">";
  out << card("Column shapes", fmt(s.column_shapes), light(s.column_shapes),
              "KS / TV complement, mean over columns");
  out << card("Column pair trends", fmt(s.column_pair_trends), light(s.column_pair_trends),
              "correlation / contingency similarity");
  out << card("Cardinality shapes", fmt(s.cardinality_shapes), light(s.cardinality_shapes),
              "children per parent, per relationship");
  out << card("Inter-table trends", fmt(s.intertable_trends), light(s.intertable_trends),
              "parent column \xC3\x97 child column");
  size_t sequential = 0;
  for (const TableReport& t : report.tables) sequential += t.sequence.computed ? 1 : 0;
  if (sequential)
    out << card("Sequence trends", fmt(s.sequence_trends), light(s.sequence_trends),
                "gaps and lag-1 autocorrelation, " + std::to_string(sequential) +
                    " sequential table" + (sequential == 1 ? "" : "s"));
  std::string worst;
  for (const TableReport& t : report.tables)
    if (t.detection.computed && std::max(0.5, t.detection.auc) == s.detection_auc_max)
      worst = t.name;
  out << card("Detection AUC (max)", fmt(s.detection_auc_max), auc_light(s.detection_auc_max),
              "mean " + fmt(s.detection_auc_mean) + "; 0.5 = indistinguishable" +
                  (worst.empty() ? "" : "; worst: " + esc(worst)));
  if (!s.aggregation_detection_table.empty())
    out << card("Aggregation detection (max)", fmt(s.aggregation_detection_max),
                auc_light(s.aggregation_detection_max),
                "SyntheRela's DDA: accuracy with children counts, means and distinct values; "
                "0.5 = indistinguishable; worst: " +
                    esc(s.aggregation_detection_table));
  out << card("Integrity", std::to_string(s.integrity_violations),
              s.integrity_violations ? "poor" : "good",
              "orphan rows + rows breaking a key or constraint");
  out << card("Exact rules", std::to_string(s.rule_violations), s.rule_violations ? "fair" : "good",
              "rows breaking one of " + std::to_string(s.rules_checked) + " enabled rules");
  out << card("Row counts", std::to_string(s.tables_outside_band),
              s.tables_outside_band ? "fair" : "good",
              "tables more than 10% off scale " + fmt(s.scale, 2) + " \xC3\x97 their real rows");
  int64_t synthetic_rows = 0;
  double expected = 0;
  int64_t copied = 0;  // tables kept as they are: their copies are by design, not judged
  for (const TableReport& t : report.tables)
    if (t.privacy.copied)
      ++copied;
    else if (t.privacy.computed) {
      synthetic_rows += t.privacy.synthetic_rows;
      expected += t.privacy.expected_copy_share * static_cast<double>(t.privacy.synthetic_rows);
    }
  int64_t copies = 0;
  for (const TableReport& t : report.tables)
    if (t.privacy.computed && !t.privacy.copied) copies += t.privacy.exact_copies;
  const double share =
      synthetic_rows ? static_cast<double>(copies) / static_cast<double>(synthetic_rows) : NAN;
  const double expected_share =
      synthetic_rows ? expected / static_cast<double>(synthetic_rows) : NAN;
  // Copies are judged against the rate two halves of the real data share anyway.
  std::string copy_kind = "na";
  if (synthetic_rows)
    copy_kind = share <= expected_share + 0.001      ? "good"
                : share <= 2 * expected_share + 0.01 ? "fair"
                                                     : "poor";
  out << card("Exact copies", std::to_string(copies), copy_kind,
              (synthetic_rows ? pct(share) + " of " + std::to_string(synthetic_rows) +
                                    " sampled rows; expected " + pct(expected_share)
                              : std::string("privacy not computed")) +
                  (copied ? "; " + std::to_string(copied) +
                                " copied tables left out (their copies are by design)"
                          : std::string()));
  if (s.dcr_share) {
    // Synthetic rows closer to the training rows than to unseen ones hint at memorising.
    const double d = std::fabs(*s.dcr_share - 0.5);
    out << card("DCR share", pct(*s.dcr_share),
                d <= 0.05  ? "good"
                : d <= 0.1 ? "fair"
                           : "poor",
                "closer to training than to holdout rows; 50% is ideal");
  }
  out << "</div>";

  out << "<h3>Tables</h3><table><tr><th>table</th><th>rows real</th><th>synthetic</th>"
         "<th>shapes</th><th>pairs</th>"
      << (sequential ? "<th>sequence</th>" : "")
      << "<th>AUC</th><th>DDA</th><th>copies</th><th>expected</th></tr>";
  for (size_t i = 0; i < report.tables.size(); ++i) {
    const TableReport& t = report.tables[i];
    out << "<tr><td class=\"name\"><a href=\"#t" << i << "\">" << esc(t.name)
        << "</a></td><td class=\"n\">" << t.real_rows << "</td><td class=\"n\">" << t.synthetic_rows
        << (t.rows_in_band ? "" : " <span class=\"badge fair\">off scale</span>")
        << "</td><td class=\"n\">" << fmt(t.column_shapes_score, 2) << " "
        << badge(light(t.column_shapes_score)) << "</td><td class=\"n\">"
        << fmt(t.pair_trends_score, 2) << " " << badge(light(t.pair_trends_score));
    if (sequential)
      out << "</td><td class=\"n\">"
          << (t.sequence.computed ? fmt(t.sequence.score, 2) + " " + badge(light(t.sequence.score))
                                  : "&#8211;");
    out << "</td><td class=\"n\">"
        << (t.detection.computed ? fmt(t.detection.auc, 2) + " " + badge(auc_light(t.detection))
                                 : "&#8211;")
        << "</td><td class=\"n\">"
        << (t.aggregation_detection.computed
                ? fmt(t.aggregation_detection.accuracy, 2) + " " +
                      badge(auc_light(t.aggregation_detection.accuracy))
                : "&#8211;")
        << "</td><td class=\"n\">"
        << (t.privacy.computed ? pct(t.privacy.exact_copy_share) : "&#8211;")
        << "</td><td class=\"n\">"
        << (t.privacy.computed ? pct(t.privacy.expected_copy_share) : "&#8211;") << "</td></tr>";
  }
  out << "</table>";
  return out.str();
}

// Children per parent, real vs synthetic, one small multiple per relationship (drawn as a
// column's histogram: the relationship as its name, CardinalityShapeSimilarity as its score).
std::string children_grid(const Report& report) {
  std::ostringstream plots;
  for (const RelationshipReport& r : report.relationships) {
    if (r.children_distribution.kind.empty()) continue;
    ColumnShape shape;
    shape.column = r.child_table + " \xE2\x86\x92 " + r.parent_table;
    shape.metric = "KS";
    shape.score = r.cardinality_score;
    shape.real_null_share = shape.synthetic_null_share = std::nan("");
    shape.distribution = r.children_distribution;
    plots << distribution_plot(shape);
  }
  if (plots.str().empty()) return "";
  return "<h3>Children per parent</h3><div class=\"legend muted\"><span style=\"background:" +
         std::string(kRealColor) + "\"></span>real<span style=\"background:" + kSyntheticColor +
         "\"></span>synthetic &#183; share of parent rows with that many children, from the real "
         "minimum (zero included) to the real maximum; &gt; synthetic counts above it</div><div "
         "class=\"dists\">" +
         plots.str() + "</div>";
}

std::string relationships(const Report& report) {
  std::ostringstream out;
  out << "<h2>Relationships</h2>";
  if (report.relationships.empty()) {
    out << "<p class=\"muted\">No foreign keys.</p>";
    return out.str();
  }
  out << "<table><tr><th>child \xE2\x86\x92 parent</th><th>cardinality</th><th></th>"
         "<th>children/parent mean real / synth.</th><th>max real / synth.</th>"
         "<th>inter-table</th><th>orphans</th></tr>";
  for (const RelationshipReport& r : report.relationships) {
    out << "<tr><td class=\"name\">" << esc(r.child_table) << "(" << esc(join(r.child_columns))
        << ") \xE2\x86\x92 " << esc(r.parent_table) << "(" << esc(join(r.parent_columns))
        << ")</td><td class=\"n\">" << fmt(r.cardinality_score) << " "
        << badge(light(r.cardinality_score)) << "</td><td>" << score_bar(r.cardinality_score, 120)
        << "</td><td class=\"n\">" << fmt(r.real_children_mean, 2) << " / "
        << fmt(r.synthetic_children_mean, 2) << "</td><td class=\"n\">" << r.real_children_max
        << " / " << r.synthetic_children_max << "</td><td class=\"n\">" << fmt(r.intertable_score)
        << " " << badge(light(r.intertable_score)) << "</td><td class=\"n"
        << (r.orphan_rows ? " fail" : "") << "\">" << r.orphan_rows
        << (r.real_orphan_rows ? " (real " + std::to_string(r.real_orphan_rows) + ")" : "")
        << "</td></tr>";
  }
  out << "</table>" << children_grid(report);
  for (const RelationshipReport& r : report.relationships) {
    if (r.intertable_trends.empty()) continue;
    out << "<h3>Inter-table trends: " << esc(r.child_table) << " \xE2\x86\x92 "
        << esc(r.parent_table) << " <span class=\"muted\">(" << r.intertable_trends.size() << " of "
        << r.intertable_pairs_total << " pairs; lowest shown)</span></h3>";
    out << worst_pairs(r.intertable_trends, 5, "parent column", "child column");
  }
  return out.str();
}

// A sequential table's sequence trends: the gaps between consecutive siblings and each
// numerical column's lag-1 autocorrelation, real against synthetic.
std::string sequence_section(const SequenceResult& s) {
  if (!s.computed) return "";
  std::ostringstream out;
  out << "<h3>Sequence trends</h3><p class=\"muted\">Rows ordered by <b>" << esc(s.key) << "</b> "
      << (s.parent_table.empty()
              ? std::string("as one sequence")
              : "within each " + esc(s.parent_table) + " row (" + esc(join(s.foreign_key)) + ")")
      << "; " << s.real_sequences << " real and " << s.synthetic_sequences
      << " synthetic sequences. Score " << fmt(s.score) << " " << badge(light(s.score))
      << ".</p><table><tr><th>measure</th><th>score</th><th></th><th>real</th><th>synthetic</th>"
         "<th>pairs real / synth.</th></tr>";
  out << "<tr><td>gap to the next row (median)</td><td class=\"n\">" << fmt(s.gap_score)
      << "</td><td>" << score_bar(s.gap_score, 120) << "</td><td class=\"n\">"
      << esc(format_gap(s.real_gap_median, s.gap_unit, "&#8211;")) << "</td><td class=\"n\">"
      << esc(format_gap(s.synthetic_gap_median, s.gap_unit, "&#8211;")) << "</td><td class=\"n\">"
      << s.real_gaps << " / " << s.synthetic_gaps << "</td></tr>";
  for (const SequenceColumn& c : s.columns)
    out << "<tr><td class=\"name\">" << esc(c.column)
        << " <span class=\"muted\">lag-1 r</span></td><td class=\"n\">" << fmt(c.score)
        << "</td><td>" << score_bar(c.score, 120) << "</td><td class=\"n\">" << fmt(c.real, 2)
        << "</td><td class=\"n\">" << fmt(c.synthetic, 2) << "</td><td class=\"n\">" << c.real_pairs
        << " / " << c.synthetic_pairs << "</td></tr>";
  out << "</table>";
  return out.str();
}

std::string table_section(const TableReport& t, size_t i) {
  std::ostringstream out;
  out << "<section class=\"table\" id=\"t" << i << "\"><h2>" << esc(t.name) << "</h2>";
  out << "<p class=\"muted\">" << t.real_rows << " real rows, " << t.synthetic_rows
      << " synthetic rows" << (t.sampled ? "; pair trends and privacy on a sample" : "")
      << ". Column shapes " << fmt(t.column_shapes_score) << " "
      << badge(light(t.column_shapes_score)) << ", pair trends " << fmt(t.pair_trends_score) << " "
      << badge(light(t.pair_trends_score))
      << (t.sequence.computed
              ? ", sequence trends " + fmt(t.sequence.score) + " " + badge(light(t.sequence.score))
              : "")
      << "</p>";

  bool any_violation = false;
  for (const ConstraintViolation& v : t.violations) any_violation |= v.rows > 0;
  if (any_violation) {
    out << "<h3>Integrity</h3><table><tr><th>constraint</th><th>columns</th>"
           "<th>synthetic rows</th><th>real rows</th></tr>";
    for (const ConstraintViolation& v : t.violations)
      if (v.rows)
        out << "<tr><td>" << esc(v.kind) << "</td><td class=\"name\">" << esc(join(v.columns))
            << "</td><td class=\"n fail\">" << v.rows << "</td><td class=\"n\">" << v.real_rows
            << "</td></tr>";
    out << "</table>";
  }

  if (!t.rules.empty()) {
    out << "<h3>Exact rules</h3><table><tr><th>rule</th><th>kind</th><th>origin</th>"
           "<th>synthetic rows breaking it</th><th>real rows breaking it</th></tr>";
    for (const RuleResult& r : t.rules)
      out << "<tr><td class=\"name\">" << esc(r.rule) << (r.enabled ? "" : " (disabled)")
          << "</td><td class=\"muted\">" << esc(r.kind) << "</td><td class=\"muted\">"
          << esc(r.origin) << "</td><td class=\"n"
          << (r.enabled && r.synthetic_violations ? " fail" : "") << "\">" << r.synthetic_violations
          << " of " << r.synthetic_checked << "</td><td class=\"n\">" << r.real_violations << " of "
          << r.real_checked << "</td></tr>";
    out << "</table>";
  }

  out << "<div class=\"grid2\"><div><h3>Column shapes</h3>";
  if (t.column_shapes.empty()) {
    out << "<p class=\"muted\">No column to compare.</p>";
  } else {
    out << "<table><tr><th>column</th><th>metric</th><th>score</th><th></th>"
           "<th>NULL real / synth.</th></tr>";
    for (const ColumnShape& c : t.column_shapes)
      out << "<tr><td class=\"name\">" << esc(c.column) << "</td><td class=\"muted\">"
          << esc(c.metric) << "</td><td class=\"n\">" << fmt(c.score) << "</td><td>"
          << score_bar(c.score) << "</td><td class=\"n\">" << pct(c.real_null_share) << " / "
          << pct(c.synthetic_null_share) << "</td></tr>";
    out << "</table>";
  }
  out << "</div><div><h3>Column pair trends</h3>";
  if (t.pair_trends.empty()) {
    out << "<p class=\"muted\">No pair to compare.</p>";
  } else {
    out << "<p class=\"muted\">" << t.pair_trends.size() << " of " << t.pairs_total
        << " pairs; green = trend kept, red = trend lost.</p>" << pair_heatmap(t);
  }
  out << "</div></div>";
  if (!t.pair_trends.empty())
    out << association_heatmaps(t) << "<h3>Lowest pairs</h3>"
        << worst_pairs(t.pair_trends, 5, "column 1", "column 2");
  out << distribution_grid(t) << sequence_section(t.sequence);

  out << "<div class=\"grid2\"><div><h3>Detection</h3>";
  const DetectionResult& d = t.detection;
  if (!d.computed) {
    out << "<p class=\"muted\">Not computed"
        << (d.skipped_reason.empty() ? "" : ": " + esc(d.skipped_reason)) << ".</p>";
  } else {
    out << "<p>AUC <b>" << fmt(d.auc) << "</b> " << badge(auc_light(d)) << " <span "
        << "class=\"muted\">(" << d.rows_per_side << " rows per side, " << d.folds
        << " folds; 0.5 = indistinguishable)</span></p>";
    if (!d.caveat.empty()) out << "<p class=\"muted\">Caveat: " << esc(d.caveat) << ".</p>";
    out << feature_bars(d.top_features, "AUC lost when shuffled");
  }
  const AggregationDetectionResult& a = t.aggregation_detection;
  if (a.computed) {
    out << "<p>Aggregation detection (SyntheRela's DDA): accuracy <b>" << fmt(a.accuracy) << "</b> "
        << badge(auc_light(a.accuracy)) << " <span class=\"muted\">(own columns, "
        << "children counts, means and distinct values; " << a.rows_per_side << " rows per side, "
        << a.folds << " folds; 0.5 = indistinguishable)</span></p>"
        << feature_bars(a.top_features, "accuracy lost when shuffled");
  }
  out << "</div><div><h3>Privacy</h3>";
  const PrivacyResult& p = t.privacy;
  if (!p.computed) {
    out << "<p class=\"muted\">Not computed.</p>";
  } else {
    out << "<table><tr><td>exact copies</td><td class=\"n\">" << p.exact_copies << " of "
        << p.synthetic_rows << " (" << pct(p.exact_copy_share) << ")"
        << (p.copied ? " <span class=\"muted\">copied as it is, by design</span>" : "")
        << "</td></tr>"
        << "<tr><td>expected (real half vs half)</td><td class=\"n\">" << pct(p.expected_copy_share)
        << "</td></tr>"
        << "<tr><td>DCR median synthetic / baseline</td><td class=\"n\">" << fmt(p.dcr_median)
        << " / " << fmt(p.dcr_baseline_median) << "</td></tr>"
        << "<tr><td>synthetic rows at distance 0</td><td class=\"n\">" << pct(p.dcr_zero_share)
        << "</td></tr><tr><td>compared columns</td><td class=\"n\">" << p.compared_columns
        << "</td></tr>";
    if (p.holdout)
      out << "<tr><td>closer to training than to holdout (0.5 ideal)</td><td class=\"n\">"
          << pct(p.dcr_share) << "</td></tr><tr><td>DCR 5th pct synthetic / holdout</td>"
          << "<td class=\"n\">" << fmt(p.dcr_p5) << " / " << fmt(p.dcr_holdout_p5) << "</td></tr>";
    out << "</table>" << dcr_chart(p);
  }
  out << "</div></div></section>";
  return out.str();
}

}  // namespace

std::string to_html(const Report& report, const Metadata& metadata, const std::string& subtitle) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>relsynth report</title><style>"
      << kStyle << "</style></head><body>\n";
  out << "<h1>relsynth quality report</h1><p class=\"sub\">"
      << (subtitle.empty() ? "synthetic vs real" : esc(subtitle)) << " &#183; "
      << report.tables.size() << " table" << (report.tables.size() == 1 ? "" : "s") << ", "
      << report.relationships.size() << " relationship"
      << (report.relationships.size() == 1 ? "" : "s") << ". Scores are in [0, 1], 1 = "
      << "identical; good &#8805; 0.9, fair &#8805; 0.75.</p>\n";
  out << overview(report) << "\n";
  out << "<h2>Table graph</h2><p class=\"muted\">Arrows point from a child table to its parent; "
         "boxes show real &#8594; synthetic rows and the column-shape score.</p>"
      << table_graph(report, metadata) << "\n";
  out << relationships(report) << "\n";
  for (size_t i = 0; i < report.tables.size(); ++i)
    out << table_section(report.tables[i], i) << "\n";
  out << "<h2>Notes</h2><ul>";
  for (const std::string& note : report.notes) out << "<li>" << esc(note) << "</li>";
  out << "<li>seed " << report.options.seed << ", at most " << report.options.max_rows
      << " rows per table for pair trends, " << report.options.max_pairs
      << " pairs per table</li></ul>\n</body></html>\n";
  return out.str();
}

}  // namespace relsynth
