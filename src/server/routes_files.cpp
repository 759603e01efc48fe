// Routes over the server's files, all inside --root: browsing folders (each entry with the source
// URI it makes when relsynth reads it) and uploads (capped by --max-upload-mb, into uploads/).
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "relsynth/error.h"
#include "server/app.h"

namespace relsynth::server {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool has_extension(const std::string& name, std::initializer_list<const char*> extensions) {
  const std::string lowered = lower(name);
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](const char* extension) { return lowered.ends_with(extension); });
}

// The source URI of a file or folder relsynth reads (null when it reads neither), `relative` its
// path from the root.
Json source_uri(const fs::path& path, const std::string& relative) {
  std::error_code ec;
  const std::string name = path.filename().string();
  if (fs::is_regular_file(path, ec)) {
    if (has_extension(name, {".sqlite", ".sqlite3", ".db", ".xlsx", ".ods", ".xls", ".zip",
                             ".tar.gz", ".tgz", ".parquet"}))
      return relative;
    return nullptr;
  }
  size_t csv = 0, tsv = 0, parquet = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    const std::string member = entry.path().filename().string();
    csv += has_extension(member, {".csv"});
    tsv += has_extension(member, {".tsv"});
    parquet += has_extension(member, {".parquet"});
  }
  if (parquet > 0) return "parquet:" + relative;
  if (tsv > csv) return "tsv:" + relative;
  if (csv > 0) return "csv:" + relative;
  return nullptr;
}

// A file name from an upload: its last part, refused when nothing usable is left.
std::string upload_name(const std::string& given, const char* what) {
  std::string name = given.substr(given.find_last_of("/\\") + 1);
  if (name.empty() || name == "." || name == ".." || name.front() == '.' ||
      std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 32; }))
    throw HttpError(400, "usage", std::string("unusable ") + what + " name " + quote_name(given));
  return name;
}

// `folder`/`name`, or, when something is there already (an earlier upload a plan or an
// execution may read), the first free `stem-2.ext`, `stem-3.ext`... (the extension from the
// first dot: orders-2.tar.gz).
fs::path fresh_path(const fs::path& folder, const std::string& name) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(folder / name, ec))) return folder / name;
  const size_t dot = name.find('.', 1);
  const std::string stem = name.substr(0, dot);
  const std::string extension = dot == std::string::npos ? "" : name.substr(dot);
  for (int n = 2;; ++n) {
    const fs::path candidate = folder / (stem + "-" + std::to_string(n) + extension);
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate;
  }
}

}  // namespace

void add_file_routes(httplib::Server& server, App& app) {
  server.Get("/api/files", app.handle([&app](const httplib::Request& request,
                                             httplib::Response& response) {
    const std::string asked = request.has_param("path") ? request.get_param_value("path") : ".";
    const fs::path folder = app.guard.resolve(asked);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
      throw HttpError(404, "not_found", quote_name(asked) + " is not a folder inside the root");
    Json entries = Json::array();
    std::vector<fs::directory_entry> found;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
      if (entry.path().filename().string().starts_with(".")) continue;
      // A symlink pointing out of the root is not shown (nor followed: resolve refuses it).
      const fs::path target = fs::weakly_canonical(entry.path(), ec);
      if (ec || !app.guard.inside(target)) continue;
      found.push_back(entry);
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      const bool a_folder = a.is_directory(), b_folder = b.is_directory();
      return a_folder != b_folder ? a_folder : a.path().filename() < b.path().filename();
    });
    for (const fs::directory_entry& entry : found) {
      const std::string relative = app.guard.relative(folder / entry.path().filename());
      const bool is_folder = entry.is_directory(ec);
      entries.push_back({{"name", entry.path().filename().string()},
                         {"path", relative},
                         {"kind", is_folder ? "dir" : "file"},
                         {"size", is_folder ? 0 : static_cast<int64_t>(entry.file_size(ec))},
                         {"source", source_uri(entry.path(), relative)}});
    }
    const std::string path = app.guard.relative(folder);
    Json parent = nullptr;
    if (path != ".") parent = app.guard.relative(folder.parent_path());
    reply(response, {{"root", app.guard.root().string()},
                     {"path", path},
                     {"parent", parent},
                     {"entries", entries}});
  }));

  server.Post("/api/uploads", app.handle([&app](const httplib::Request& request,
                                                httplib::Response& response) {
    if (!request.is_multipart_form_data())
      throw HttpError(400, "usage", "an upload is multipart/form-data with parts named \"file\"");
    std::string folder_name;
    if (request.has_file("folder"))
      folder_name = upload_name(request.get_file_value("folder").content, "folder");
    // Nothing uploaded before is replaced: a name taken gets a number (a folder as a whole).
    fs::path folder = app.guard.root() / "uploads";
    fs::create_directories(folder);
    if (!folder_name.empty()) folder = fresh_path(folder, folder_name);
    fs::create_directories(folder);
    Json files = Json::array();
    std::string last;
    const auto [first, end] = request.files.equal_range("file");
    if (first == end) throw HttpError(400, "usage", "no part named \"file\" in the upload");
    for (auto at = first; at != end; ++at) {
      const fs::path target = fresh_path(folder, upload_name(at->second.filename, "file"));
      app.guard.resolve(target.string());  // no symlink placed there leads out
      std::ofstream out(target, std::ios::binary | std::ios::trunc);
      out.write(at->second.content.data(), static_cast<std::streamsize>(at->second.content.size()));
      if (!out) throw IoError("cannot write " + target.string());
      last = app.guard.relative(target);
      files.push_back(last);
    }
    const std::string source_path =
        folder_name.empty() && files.size() == 1 ? last : app.guard.relative(folder);
    reply(response,
          {{"files", files}, {"source", source_uri(app.guard.root() / source_path, source_path)}},
          201);
  }));
}

}  // namespace relsynth::server
