#include "io/ods_common.h"

#include "io/sheet_zip.h"
#include "relsynth/error.h"

namespace relsynth::ods {

namespace {

// Finds <meta:user-defined meta:name="relsynth-output">.
class MarkerFinder : public sheet::XmlHandler {
 public:
  bool found = false;
  void start(std::string_view name, const sheet::XmlAttributes& attributes) override {
    const char* property = attributes.find("name");
    if (name == "user-defined" && property && std::string_view(property) == kMarkerProperty)
      found = true;
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

}  // namespace

bool written_by_relsynth(const std::string& path) {
  try {
    const sheet::ZipFile zip(path, "ods file");
    if (!zip.has("meta.xml")) return false;
    MarkerFinder finder;
    sheet::parse_xml(zip.read("meta.xml", size_t{64} << 20), zip.where("meta.xml"), finder);
    return finder.found;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace relsynth::ods
