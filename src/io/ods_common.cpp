#include "io/ods_common.h"

#include "io/sheet_zip.h"
#include "relsynth/error.h"

namespace relsynth::ods {

namespace {

// Collects <meta:user-defined meta:name="...">text</meta:user-defined>.
class PropertyReader : public sheet::XmlHandler {
 public:
  std::map<std::string, std::string> properties;
  void start(std::string_view name, const sheet::XmlAttributes& attributes) override {
    const char* property = attributes.find("name");
    current_ = name == "user-defined" && property ? property : "";
    if (!current_.empty()) properties[current_];
  }
  void end(std::string_view) override { current_.clear(); }
  void text(std::string_view text) override {
    if (!current_.empty()) properties[current_].append(text);
  }

 private:
  std::string current_;
};

}  // namespace

std::string rows_property(size_t table_number) {
  return "relsynth-rows-" + std::to_string(table_number);
}

std::map<std::string, std::string> user_properties(const std::string& path) {
  try {
    const sheet::ZipFile zip(path, "ods file");
    if (!zip.has("meta.xml")) return {};
    PropertyReader reader;
    sheet::parse_xml(zip.read("meta.xml", size_t{64} << 20), zip.where("meta.xml"), reader);
    return reader.properties;
  } catch (const Error&) {
    return {};
  }
}

bool written_by_relsynth(const std::string& path) {
  return user_properties(path).count(kMarkerProperty) > 0;
}

}  // namespace relsynth::ods
