// What the .ods source and destination share: the package's media type and the user-defined
// property (meta.xml) that marks a spreadsheet relsynth wrote.
#pragma once

#include <map>
#include <string>

namespace relsynth::ods {

constexpr const char* kMimeType = "application/vnd.oasis.opendocument.spreadsheet";
// --overwrite replaces only an .ods whose meta.xml has this user-defined property.
constexpr const char* kMarkerProperty = "relsynth-output";

// "relsynth-rows-N": the data rows of table N (1-based), so that rows of NULLs at the end are
// read back.
std::string rows_property(size_t table_number);

// The user-defined properties of the package's meta.xml (name -> text); empty when it has none
// or the file is no readable package.
std::map<std::string, std::string> user_properties(const std::string& path);
// Whether the file at `path` is an OpenDocument package whose meta.xml has the marker.
bool written_by_relsynth(const std::string& path);

}  // namespace relsynth::ods
