// What the .ods source and destination share: the package's media type and the user-defined
// property (meta.xml) that marks a spreadsheet relsynth wrote.
#pragma once

#include <string>

namespace relsynth::ods {

constexpr const char* kMimeType = "application/vnd.oasis.opendocument.spreadsheet";
// --overwrite replaces only an .ods whose meta.xml has this user-defined property.
constexpr const char* kMarkerProperty = "relsynth-output";

// Whether the file at `path` is an OpenDocument package whose meta.xml has the marker.
bool written_by_relsynth(const std::string& path);

}  // namespace relsynth::ods
