// Reads a legacy Excel workbook (.xls: BIFF2-8 in an OLE2 compound file) through FreeXL. FreeXL
// loads a sheet whole, which the format's own limits (65,536 rows, 256 columns) keep small; it
// gives numbers, texts (UTF-8), and dates, datetimes and times by the cells' formats. relsynth
// does not write .xls: spreadsheet programs read .xlsx, which has none of its limits.
#include <freexl.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <fstream>

#include "core/temp_files.h"
#include "io/connectors.h"
#include "io/sheet_source.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using sheet::CellKind;

std::string freexl_reason(int status) {
  switch (status) {
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return "not a legacy Excel file (no OLE2 compound-file header; an .xlsx renamed .xls?)";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "the compound file holds no Excel workbook stream";
    case FREEXL_INSUFFICIENT_MEMORY:
      return "out of memory";
    case FREEXL_CRAFTED_FILE:
      return "severely corrupt (possibly crafted) file";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
      return "text in a character set FreeXL cannot convert";
    default:
      return "corrupt or truncated file (FreeXL error " + std::to_string(status) + ")";
  }
}

class XlsWorkbook : public sheet::Workbook {
 public:
  explicit XlsWorkbook(const std::string& path) : path_(path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      throw IoError(what() + ": " + os_reason(ENOENT));
    check_signature(path);
    const int opened = freexl_open(path.c_str(), &handle_);
    if (opened != FREEXL_OK) {
      if (handle_) freexl_close(handle_);
      handle_ = nullptr;
      throw InputError(what() + " cannot be read: " + freexl_reason(opened));
    }
    unsigned int password = 0;
    if (freexl_get_info(handle_, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
        password == FREEXL_BIFF_OBFUSCATED)
      throw InputError(what() + " is password-protected: save it without a password first");
    unsigned int count = 0;
    check(freexl_get_info(handle_, FREEXL_BIFF_SHEET_COUNT, &count));
    for (unsigned int index = 0; index < count; ++index) {
      const char* name = nullptr;
      check(freexl_get_worksheet_name(handle_, static_cast<unsigned short>(index), &name));
      names_.push_back(name ? name : "Sheet" + std::to_string(index + 1));
    }
    if (names_.empty()) throw InputError(what() + " has no worksheet");
  }
  ~XlsWorkbook() override {
    if (handle_) freexl_close(handle_);
  }

  std::string kind() const override { return "xls"; }
  std::string what() const override { return "xls file " + quote_name(path_); }
  const std::vector<std::string>& sheets() override { return names_; }

  void read_sheet(size_t index, sheet::SheetBuilder& builder) override {
    check(freexl_select_active_worksheet(handle_, static_cast<unsigned short>(index)));
    unsigned int rows = 0;
    unsigned short columns = 0;
    check(freexl_worksheet_dimensions(handle_, &rows, &columns));
    for (unsigned int row = 0; row < rows; ++row) {
      for (unsigned short column = 0; column < columns; ++column) {
        FreeXL_CellValue cell;
        check(freexl_get_cell_value(handle_, row, column, &cell));
        const int64_t r = row, c = column;
        switch (cell.type) {
          case FREEXL_CELL_INT:
            builder.cell(r, c, CellKind::Number, std::to_string(cell.value.int_value));
            break;
          case FREEXL_CELL_DOUBLE: {
            char text[32];
            const auto end = std::to_chars(text, text + sizeof text, cell.value.double_value).ptr;
            builder.cell(r, c, CellKind::Number, std::string_view(text, end - text));
            break;
          }
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
            if (cell.value.text_value && *cell.value.text_value)
              builder.cell(r, c, CellKind::String, cell.value.text_value);
            break;
          case FREEXL_CELL_DATE:
            builder.cell(r, c, CellKind::Date, cell.value.text_value);
            break;
          case FREEXL_CELL_DATETIME:
            builder.cell(r, c, CellKind::DateTime, cell.value.text_value);
            break;
          case FREEXL_CELL_TIME:
            builder.cell(r, c, CellKind::Time, cell.value.text_value);
            break;
          default:  // FREEXL_CELL_NULL
            break;
        }
      }
    }
  }

 private:
  // An .xls file is an OLE2 compound file; say what else it is when it is not one.
  void check_signature(const std::string& path) const {
    static constexpr unsigned char kOle2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    unsigned char head[8] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(head), sizeof head);
    if (in.gcount() == sizeof head && std::equal(head, head + 8, kOle2)) return;
    if (head[0] == 'P' && head[1] == 'K')
      throw InputError(what() +
                       " is a zip file, not a legacy Excel file: an .xlsx or .ods saved "
                       "under an .xls name? Rename it .xlsx (or .ods)");
    throw InputError(what() + " is not a legacy Excel file (no OLE2 compound-file header)");
  }

  void check(int status) const {
    if (status != FREEXL_OK) throw InputError(what() + " cannot be read: " + freexl_reason(status));
  }

  std::string path_;
  const void* handle_ = nullptr;
  std::vector<std::string> names_;
};

}  // namespace

std::unique_ptr<Source> make_xls_source(const std::string& path, const SourceOptions& options) {
  return sheet::make_workbook_source(std::make_unique<XlsWorkbook>(path), options);
}

}  // namespace relsynth
