# The layers, enforced when the build is configured: a file may include only headers of its own
# folder's layer and of the layers that layer links, and nothing outside src/ui includes ImGui
# or GLFW. Included by CMakeLists.txt; also runs as a script on any tree (tests/layers):
#   cmake -DJUNHENG_CHECK_ROOT=<tree> -P cmake/layers.cmake
#
# A layer is a folder: src/<name> (its headers included as "<name>/x.hpp") or sync/<name>
# (included as "sync/<name>/x.hpp"). Each row names a layer and every other layer its files may
# include — the layers its library links, directly or through another, less any the design keeps
# it from using directly (the receiver links the terminal's store through src/ops but keeps its
# own). A folder of C++ code missing from the table fails the check: a new layer gets its row
# here with its library.
if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)   # the project's policies, when run as a script
endif()

set(JUNHENG_LAYERS
  "src/domain|"
  "src/store|src/domain"
  "src/exchange|src/domain"
  "src/indicators|src/domain"
  "src/ops|src/store src/exchange src/indicators src/domain"
  "sync/protocol|src/domain"
  "sync/transport|sync/protocol"
  "sync/client|sync/protocol sync/transport src/store src/exchange src/ops src/domain"
  "sync/receiver|sync/protocol sync/transport src/ops src/exchange src/indicators src/domain"
  "sync/web|sync/receiver sync/protocol sync/transport src/ops src/exchange src/indicators src/domain"
  "sync/bureau|sync/web sync/receiver sync/client sync/protocol sync/transport src/ops src/store src/exchange src/indicators src/domain"
  "src/cli|src/ops src/store src/exchange src/indicators src/domain sync/client sync/transport sync/protocol"
  "src/ui|src/ops src/store src/exchange src/indicators src/domain sync/client sync/transport sync/protocol"
  "src/app|src/cli src/ui")

# Only src/ui draws: every other folder of src/ and sync/ is kept free of ImGui and GLFW.
set(JUNHENG_IMGUI_LAYERS src/ui)
set(JUNHENG_IMGUI_INCLUDE "^(imgui|GLFW/|backends/imgui)")

# The layers of `layer`'s row, or NOTFOUND when it has none.
function(_junheng_layer_direct layer out)
  set(found FALSE)
  foreach(row IN LISTS JUNHENG_LAYERS)
    string(REPLACE "|" ";" parts "${row}")
    list(GET parts 0 name)
    if(name STREQUAL layer)
      list(LENGTH parts n)
      set(deps "")
      if(n GREATER 1)
        list(GET parts 1 text)
        string(REPLACE " " ";" deps "${text}")
      endif()
      set(${out} "${deps}" PARENT_SCOPE)
      set(found TRUE)
    endif()
  endforeach()
  if(NOT found)
    set(${out} "NOTFOUND" PARENT_SCOPE)
  endif()
endfunction()

# What a file of `layer` may include: its own layer and those of its row.
function(_junheng_layer_allowed layer out)
  _junheng_layer_direct(${layer} deps)
  set(${out} ${layer} ${deps} PARENT_SCOPE)
endfunction()

# The layer an included path belongs to ("store/x.hpp" -> src/store, "sync/client/x.hpp" ->
# sync/client), or "" for a header of no layer (the standard library, nlohmann/…, sqlite3.h).
function(_junheng_layer_of_include path out)
  set(result "")
  if(path MATCHES "^sync/([A-Za-z0-9_]+)/")
    set(result "sync/${CMAKE_MATCH_1}")
  elseif(path MATCHES "^([A-Za-z0-9_]+)/")
    set(candidate "src/${CMAKE_MATCH_1}")
    _junheng_layer_direct(${candidate} deps)
    if(NOT deps STREQUAL "NOTFOUND")
      set(result ${candidate})
    endif()
  endif()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# Checks every C++ file under <root>/src and <root>/sync; stops at the first breach with the
# file, the include and what its layer may include.
function(junheng_check_layers root)
  file(GLOB_RECURSE files LIST_DIRECTORIES false
       ${root}/src/*.cpp ${root}/src/*.hpp ${root}/src/*.h ${root}/src/*.cc
       ${root}/sync/*.cpp ${root}/sync/*.hpp ${root}/sync/*.h ${root}/sync/*.cc)
  list(SORT files)
  foreach(f IN LISTS files)
    file(RELATIVE_PATH rel ${root} ${f})
    if(NOT rel MATCHES "^(src|sync)/([A-Za-z0-9_]+)/")
      message(FATAL_ERROR "Layer check: ${rel} is in no layer folder: code lives in src/<layer>/ or sync/<layer>/ (cmake/layers.cmake).")
    endif()
    set(layer "${CMAKE_MATCH_1}/${CMAKE_MATCH_2}")
    _junheng_layer_direct(${layer} deps)
    if(deps STREQUAL "NOTFOUND")
      message(FATAL_ERROR "Layer check: ${rel} is in ${layer}, which has no row in the layer table of cmake/layers.cmake: "
                          "add one naming the layers its library links.")
    endif()
    _junheng_layer_allowed(${layer} allowed)
    file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS lines)
      if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")
        continue()
      endif()
      set(included "${CMAKE_MATCH_1}")
      if(included MATCHES "${JUNHENG_IMGUI_INCLUDE}" AND NOT layer IN_LIST JUNHENG_IMGUI_LAYERS)
        message(FATAL_ERROR "Layer check: ${rel} includes <${included}>: only ${JUNHENG_IMGUI_LAYERS} may include ImGui or GLFW.")
      endif()
      _junheng_layer_of_include("${included}" target)
      if(target AND NOT target IN_LIST allowed)
        string(REPLACE ";" ", " shown "${allowed}")
        message(FATAL_ERROR "Layer check: ${rel} includes \"${included}\" (layer ${target}), but ${layer} may include only "
                            "${shown} (cmake/layers.cmake).")
      endif()
    endforeach()
  endforeach()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND DEFINED JUNHENG_CHECK_ROOT)
  junheng_check_layers(${JUNHENG_CHECK_ROOT})
endif()
