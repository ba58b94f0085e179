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

# The inbox (decisions, receiver -> terminal): sync/protocol/inbox.pml, a model of its own (the
# two streams share no state but the submission versions; one model of both would multiply the
# state spaces). Every broken variant must fail.
set(model ${CMAKE_SOURCE_DIR}/sync/protocol/inbox.pml)
set(no_faults -DNLOSS=0 -DNDUP=0 -DNREORD=0 -DNREPLAY=0 -DNCRASH=0 -DNOLD=0 -DNOTHER=0 -DNREOPEN=0)
if(SPIN)
junheng_model("inbox: at most once and in order, network faults and replay" safety pass NLOSS NDUP NREORD NREPLAY NOTHER)
junheng_model("inbox: older decisions never unlock, crashes" safety pass NLOSS NCRASH NOLD NREOPEN NOTHER)
junheng_model("inbox: replay, crash and older decisions together" safety pass NDUP NREPLAY NCRASH NOLD NREOPEN)
junheng_model("inbox: convergence, network faults and replay" liveness pass NLOSS NDUP NREORD NREPLAY)
junheng_model("inbox: convergence, crashes and older decisions" liveness pass NLOSS NCRASH NOLD NREOPEN NOTHER)
junheng_model("inbox broken: no cursor check applies a replay twice" safety fail NDUP NREPLAY -DBROKEN_NO_CURSOR_CHECK)
junheng_model("inbox broken: cursor apart from the effect" safety fail NCRASH -DBROKEN_CURSOR_APART)
junheng_model("inbox broken: an older decision unlocks" safety fail NOLD -DBROKEN_OLDER_UNLOCKS)
junheng_model("inbox broken: seq taken before the commit" safety fail NOLD -DBROKEN_SEQ_BEFORE_COMMIT)
junheng_model("inbox broken: an ignored item keeps the cursor" liveness fail NOLD -DBROKEN_IGNORED_KEEPS_CURSOR)
endif()

# The relay (county -> city forwarder): sync/protocol/relay.pml, every fault at once.
set(model ${CMAKE_SOURCE_DIR}/sync/protocol/relay.pml)
set(no_faults -DNLOSS=0 -DNDUP=0 -DNREORD=0 -DNRETRY=0 -DNCCRASH=0 -DNYCRASH=0 -DNREOPEN=0)
if(SPIN)
junheng_model("relay: exactly once at the city, every fault" safety pass NLOSS NDUP NREORD NRETRY NCCRASH NYCRASH NREOPEN)
junheng_model("relay: every accepted one reaches the city, every fault" liveness pass NLOSS NDUP NREORD NRETRY NCCRASH NYCRASH NREOPEN)
junheng_model("relay broken: a city without dedup stores a retry twice" safety fail NDUP -DBROKEN_CITY_NO_DEDUP)
junheng_model("relay broken: forward recorded before the reply" liveness fail NLOSS NREOPEN -DBROKEN_RECORD_BEFORE_REPLY)
endif()
