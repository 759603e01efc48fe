# Arrow C++ and Parquet from the pyarrow wheel of the project's Python environment (Debian has no
# Arrow packages; the wheel ships Arrow's headers and shared libraries, built with the new C++11
# ABI). Defines the imported targets relsynth::arrow and relsynth::parquet (libraries only),
# relsynth::arrow_headers (the include folder), and relsynth_arrow_sources(files...), which gives
# just those files the headers: every other file keeps its compile line (and its ccache hits).
#
# RELSYNTH_PYTHON names the Python whose pyarrow is used (default: .venv/bin/python of the source
# tree, made by scripts/install-deps.sh). The wheel has only versioned libraries
# (libarrow.so.2200), so they are linked by full path; executables get their folder as RPATH.

set(RELSYNTH_PYTHON "${CMAKE_SOURCE_DIR}/.venv/bin/python" CACHE FILEPATH
  "Python whose pyarrow wheel provides Arrow C++ and Parquet")

if(NOT EXISTS "${RELSYNTH_PYTHON}")
  message(FATAL_ERROR "No Python at ${RELSYNTH_PYTHON} for Arrow C++ (pyarrow): run "
    "scripts/install-deps.sh (it makes .venv), or pass -DRELSYNTH_PYTHON=/path/to/python "
    "of an environment with pyarrow")
endif()

execute_process(
  COMMAND "${RELSYNTH_PYTHON}" -c
    "import pyarrow; print(pyarrow.__version__); print(pyarrow.get_include()); print(pyarrow.get_library_dirs()[0])"
  OUTPUT_VARIABLE _relsynth_pyarrow OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_VARIABLE _relsynth_pyarrow_error RESULT_VARIABLE _relsynth_pyarrow_result)
if(NOT _relsynth_pyarrow_result EQUAL 0)
  message(FATAL_ERROR "${RELSYNTH_PYTHON} cannot import pyarrow (${_relsynth_pyarrow_error}): run "
    "scripts/install-deps.sh, or pass -DRELSYNTH_PYTHON=/path/to/python of an environment with pyarrow")
endif()
string(REPLACE "\n" ";" _relsynth_pyarrow "${_relsynth_pyarrow}")
list(GET _relsynth_pyarrow 0 RELSYNTH_ARROW_VERSION)
list(GET _relsynth_pyarrow 1 RELSYNTH_ARROW_INCLUDE_DIR)
list(GET _relsynth_pyarrow 2 RELSYNTH_ARROW_LIBRARY_DIR)

# libNAME.so.MAJORMINOR (the SONAME the wheel's libraries carry), or an unversioned libNAME.so.
function(_relsynth_pyarrow_library name out)
  file(GLOB candidates "${RELSYNTH_ARROW_LIBRARY_DIR}/lib${name}.so.[0-9]*")
  list(FILTER candidates INCLUDE REGEX "lib${name}\\.so\\.[0-9]+$")
  if(NOT candidates AND EXISTS "${RELSYNTH_ARROW_LIBRARY_DIR}/lib${name}.so")
    set(candidates "${RELSYNTH_ARROW_LIBRARY_DIR}/lib${name}.so")
  endif()
  if(NOT candidates)
    message(FATAL_ERROR "pyarrow ${RELSYNTH_ARROW_VERSION} in ${RELSYNTH_ARROW_LIBRARY_DIR} has no lib${name}.so")
  endif()
  list(GET candidates 0 library)
  set(${out} "${library}" PARENT_SCOPE)
endfunction()

_relsynth_pyarrow_library(arrow RELSYNTH_ARROW_LIBRARY)
_relsynth_pyarrow_library(parquet RELSYNTH_PARQUET_LIBRARY)
message(STATUS "Arrow C++ ${RELSYNTH_ARROW_VERSION} from pyarrow: ${RELSYNTH_ARROW_LIBRARY}")

add_library(relsynth::arrow SHARED IMPORTED)
set_target_properties(relsynth::arrow PROPERTIES IMPORTED_LOCATION "${RELSYNTH_ARROW_LIBRARY}")
add_library(relsynth::parquet SHARED IMPORTED)
set_target_properties(relsynth::parquet PROPERTIES
  IMPORTED_LOCATION "${RELSYNTH_PARQUET_LIBRARY}"
  INTERFACE_LINK_LIBRARIES relsynth::arrow)
add_library(relsynth::arrow_headers INTERFACE IMPORTED)
set_target_properties(relsynth::arrow_headers PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${RELSYNTH_ARROW_INCLUDE_DIR}")

function(relsynth_arrow_sources)
  set_property(SOURCE ${ARGN} APPEND PROPERTY COMPILE_OPTIONS -isystem "${RELSYNTH_ARROW_INCLUDE_DIR}")
endfunction()
