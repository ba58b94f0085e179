# The Promela model of the sync protocol (sync/protocol/sync.pml), checked with spin: each fault
# class in its own run so every run explores its whole state space in seconds; the broken
# variants must fail. tests/sync/model_check.sh does the work in a temporary directory.
find_program(SPIN spin)
if(NOT SPIN)
  message(WARNING "spin not found: the sync model checks are not registered (apt-get install spin)")
endif()

set(model ${CMAKE_SOURCE_DIR}/sync/protocol/sync.pml)
set(check ${CMAKE_CURRENT_SOURCE_DIR}/sync/model_check.sh)
set(no_faults -DNLOSS=0 -DNDUP=0 -DNREORD=0 -DNRETRY=0 -DNCCRASH=0 -DNRCRASH=0
              -DNCRESTORE=0 -DNRAW=0 -DNRRESTORE=0 -DNEDIT=3)

# junheng_model(NAME MODE EXPECT FAULT... [-DOPTION...]): the named fault budgets back at 1.
function(junheng_model name mode expect)
  set(opts ${no_faults})
  foreach(arg ${ARGN})
    if(arg MATCHES "^-D")
      list(APPEND opts ${arg})
    else()
      list(REMOVE_ITEM opts -D${arg}=0)
    endif()
  endforeach()
  add_test(NAME "sync model: ${name}" COMMAND ${check} ${model} ${mode} ${expect} ${opts})
  set_tests_properties("sync model: ${name}" PROPERTIES LABELS sync TIMEOUT 240)
endfunction()

if(SPIN)
junheng_model("exactly-once and acks, network faults" safety pass NLOSS NDUP NREORD NRETRY)
junheng_model("exactly-once and acks, crashes" safety pass NLOSS NCCRASH NRCRASH)
junheng_model("exactly-once and acks, terminal restore and raw copy" safety pass NLOSS NCRESTORE NRAW)
junheng_model("exactly-once and acks, receiver restore" safety pass NLOSS NRRESTORE NCCRASH)
junheng_model("convergence, network faults" liveness pass NLOSS NDUP NREORD NRETRY -DMAXLEN=2)
junheng_model("convergence, crashes" liveness pass NLOSS NCCRASH NRCRASH)
junheng_model("convergence, terminal restore and raw copy" liveness pass NLOSS NCRESTORE NRAW)
junheng_model("convergence, receiver restore" liveness pass NLOSS NRRESTORE NCCRASH)
junheng_model("broken: ack before commit is caught" safety fail NRCRASH -DBROKEN_ACK_BEFORE_COMMIT)
junheng_model("broken: ignoring gap never converges" liveness fail NRRESTORE -DBROKEN_GAP_IGNORED)
endif()
