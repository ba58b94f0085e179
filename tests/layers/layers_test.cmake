# The layer check (cmake/layers.cmake) on small trees: a clean one passes, and each breach —
# an include of a layer not linked, ImGui outside src/ui (sync/ too), a folder with no row —
# fails naming the file, the include and what is allowed. Run by CTest:
#   cmake -DLAYERS=<cmake/layers.cmake> -DWORK=<scratch dir> -P layers_test.cmake
cmake_minimum_required(VERSION 3.25)

set(failures 0)

# Builds a tree at WORK/<name> from pairs "path" "content", runs the check on it and compares.
# `expect` is "" for a pass, else text the failure message must contain.
function(check_tree name expect)
  set(root ${WORK}/${name})
  file(REMOVE_RECURSE ${root})
  set(args ${ARGN})
  while(args)
    list(POP_FRONT args path content)
    file(WRITE ${root}/${path} "// fixture\n${content}\n")
  endwhile()
  execute_process(COMMAND ${CMAKE_COMMAND} -DJUNHENG_CHECK_ROOT=${root} -P ${LAYERS}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX REPLACE "[ \t\r\n]+" " " said "${out}${err}")   # CMake wraps long messages
  if(expect STREQUAL "")
    if(NOT rc EQUAL 0)
      message(SEND_ERROR "${name}: expected the check to pass, it failed: ${said}")
    endif()
  elseif(rc EQUAL 0)
    message(SEND_ERROR "${name}: expected the check to fail with '${expect}', it passed")
  else()
    string(FIND "${said}" "${expect}" at)
    if(at EQUAL -1)
      message(SEND_ERROR "${name}: expected '${expect}' in the message, got: ${said}")
    endif()
  endif()
endfunction()

# A clean tree: each folder includes only what it links, sync headers by their sync/ path,
# ImGui in src/ui only, headers of no layer anywhere.
check_tree(clean ""
  src/domain/a.hpp "#include <string>"
  src/store/s.cpp "#include \"domain/a.hpp\"\n#include \"store/s.hpp\"\n#include <sqlite3.h>"
  src/ops/o.cpp "#include \"store/s.hpp\"\n#include \"exchange/e.hpp\"\n#include <nlohmann/json.hpp>"
  sync/protocol/protocol.hpp "#include \"domain/a.hpp\""
  sync/transport/t.hpp "#include \"sync/protocol/protocol.hpp\"\n#include <string>"
  sync/client/c.cpp "#include \"sync/transport/t.hpp\"\n#include \"ops/o.hpp\""
  sync/receiver/r.cpp "#include \"sync/protocol/protocol.hpp\"\n#include \"indicators/county.hpp\"\n#include \"ops/o.hpp\""
  sync/bureau/main.cpp "#include \"sync/receiver/r.hpp\"\n#include \"ops/o.hpp\""
  src/cli/cmd.cpp "#include \"sync/client/c.hpp\"\n#include \"ops/o.hpp\""
  src/ui/screens/s.cpp "#include \"imgui.h\"\n#include <GLFW/glfw3.h>\n#include \"sync/client/c.hpp\""
  src/app/main.cpp "#include \"cli/cli.hpp\"\n#include \"ui/app.hpp\"")

check_tree(store_includes_exchange
  "src/store/s.cpp includes \"exchange/e.hpp\" (layer src/exchange), but src/store may include only src/store, src/domain"
  src/store/s.cpp "#include \"domain/a.hpp\"\n#include \"exchange/e.hpp\"")
check_tree(ui_includes_cli "src/ui/app.cpp includes \"cli/cli.hpp\" (layer src/cli), but src/ui may include only"
  src/ui/app.cpp "#include \"cli/cli.hpp\"")
check_tree(ops_includes_ui "src/ops/o.cpp includes \"ui/model.hpp\" (layer src/ui)"
  src/ops/o.cpp "  #  include \"ui/model.hpp\"")
check_tree(protocol_includes_store "sync/protocol/p.hpp includes \"store/store.hpp\" (layer src/store), but sync/protocol may include only sync/protocol, src/domain"
  sync/protocol/p.hpp "#include \"store/store.hpp\"")
check_tree(receiver_includes_client "sync/receiver/r.cpp includes \"sync/client/c.hpp\" (layer sync/client)"
  sync/receiver/r.cpp "#include \"sync/client/c.hpp\"")
check_tree(transport_includes_ops "sync/transport/t.cpp includes \"ops/o.hpp\" (layer src/ops)"
  sync/transport/t.cpp "#include \"ops/o.hpp\"")
check_tree(client_includes_indicators "sync/client/c.cpp includes \"indicators/county.hpp\" (layer src/indicators)"
  sync/client/c.cpp "#include \"indicators/county.hpp\"")
check_tree(receiver_includes_store "sync/receiver/r.cpp includes \"store/store.hpp\" (layer src/store), but sync/receiver may include only sync/receiver, sync/protocol, sync/transport, src/ops, src/exchange, src/indicators, src/domain"
  sync/receiver/r.cpp "#include \"store/store.hpp\"")
check_tree(transport_includes_domain "sync/transport/t.hpp includes \"domain/a.hpp\" (layer src/domain), but sync/transport may include only sync/transport, sync/protocol"
  sync/transport/t.hpp "#include \"domain/a.hpp\"")
check_tree(imgui_in_sync "sync/client/c.cpp includes <imgui.h>: only src/ui may include ImGui or GLFW"
  sync/client/c.cpp "#include <imgui.h>")
check_tree(glfw_in_cli "src/cli/x.cpp includes <GLFW/glfw3.h>: only src/ui may include ImGui or GLFW"
  src/cli/x.cpp "#include <GLFW/glfw3.h>")
check_tree(unknown_folder "sync/relay/r.cpp is in sync/relay, which has no row in the layer table"
  sync/relay/r.cpp "#include \"domain/a.hpp\"")
check_tree(loose_file "sync/loose.cpp is in no layer folder"
  sync/loose.cpp "")
