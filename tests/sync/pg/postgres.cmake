# The store contract against a real PostgreSQL (docs/postgresql.md "Tests"): CTest starts a
# throw-away cluster (fixture "postgres", cluster.sh) before any test of label `postgres` and
# stops it after the last one, even when tests fail; the receiver's tests then run a second
# time with JUNHENG_TEST_STORE naming that server, each store on a database of its own
# (tests/sync/receiver/scratch_store.hpp). If the server cannot start, the setup test fails and
# every test needing it is reported as not run: a failure, never a skip.
#
# The cluster's folder is named after this build folder (short: a Unix socket path is limited to
# 107 bytes); the port only names the socket file, as the server listens on no TCP port.
string(MD5 junheng_pg_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${junheng_pg_hash}" 0 12 junheng_pg_hash)
set(JUNHENG_PG_DIR "/tmp/junheng-pg-${junheng_pg_hash}")
set(JUNHENG_PG_PORT 54329)
set(JUNHENG_PG_URI "postgresql:///postgres?host=${JUNHENG_PG_DIR}/sock&port=${JUNHENG_PG_PORT}&user=postgres")

set(junheng_pg_start "postgres: start a throw-away PostgreSQL cluster (initdb, pg_ctl, Unix socket)")
set(junheng_pg_stop "postgres: stop and remove the throw-away PostgreSQL cluster")
add_test(NAME "${junheng_pg_start}" COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cluster.sh start ${JUNHENG_PG_DIR} ${JUNHENG_PG_PORT})
set_tests_properties("${junheng_pg_start}" PROPERTIES FIXTURES_SETUP postgres LABELS "sync;postgres" TIMEOUT 120)
add_test(NAME "${junheng_pg_stop}" COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cluster.sh stop ${JUNHENG_PG_DIR} ${JUNHENG_PG_PORT})
set_tests_properties("${junheng_pg_stop}" PROPERTIES FIXTURES_CLEANUP postgres LABELS "sync;postgres" TIMEOUT 60)

# Every receiver test case again, on PostgreSQL. (TEST_SPEC "*" lists the same cases; it only
# gives this second discovery files of its own.) Properties are set by an include file read
# after the discovered list, as a label list cannot pass through doctest_discover_tests.
doctest_discover_tests(receiver_tests TEST_SPEC "*" TEST_LIST junheng_receiver_tests_postgres
                       TEST_PREFIX "sync: receiver (postgresql): ")
set(junheng_pg_properties "${CMAKE_CURRENT_BINARY_DIR}/receiver_tests_postgres_properties.cmake")
file(WRITE "${junheng_pg_properties}"
  "if(junheng_receiver_tests_postgres)\n"
  "  set_tests_properties(\${junheng_receiver_tests_postgres} PROPERTIES LABELS \"sync;postgres\"\n"
  "    FIXTURES_REQUIRED postgres ENVIRONMENT \"JUNHENG_TEST_STORE=${JUNHENG_PG_URI}\")\n"
  "endif()\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${junheng_pg_properties}")

# The end-to-end tests whose receivers keep a store (the relay in process and through the real
# binaries, the review cycle over the network, USB files, a county moved up by migrate-store), again
# with every receiver on PostgreSQL.
doctest_discover_tests(sync_tests TEST_SPEC "relay in process*,relay through the real binaries*,review cycle end to end*,files end to end*,migrate store end to end*"
                       TEST_LIST junheng_sync_tests_postgres TEST_PREFIX "sync (postgresql): ")
set(junheng_pg_sync_properties "${CMAKE_CURRENT_BINARY_DIR}/sync_tests_postgres_properties.cmake")
file(WRITE "${junheng_pg_sync_properties}"
  "if(junheng_sync_tests_postgres)\n"
  "  set_tests_properties(\${junheng_sync_tests_postgres} PROPERTIES LABELS \"sync;postgres\"\n"
  "    FIXTURES_REQUIRED postgres ENVIRONMENT \"JUNHENG_TEST_STORE=${JUNHENG_PG_URI}\")\n"
  "endif()\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${junheng_pg_sync_properties}")

# Tests that need a server of their own (they stop and restart it): their own binary, run once.
add_executable(pg_tests ${CMAKE_CURRENT_SOURCE_DIR}/main.cpp ${CMAKE_CURRENT_LIST_DIR}/restart_test.cpp)
target_link_libraries(pg_tests PRIVATE doctest::doctest jh_sync_receiver jh_sync_transport)
target_include_directories(pg_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_definitions(pg_tests PRIVATE JUNHENG_BUREAU="$<TARGET_FILE:junheng-bureau>"
                           JUNHENG_PG_CLUSTER="${CMAKE_CURRENT_LIST_DIR}/cluster.sh")
add_dependencies(pg_tests junheng-bureau)
doctest_discover_tests(pg_tests TEST_LIST junheng_pg_tests TEST_PREFIX "sync: postgres: ")
set(junheng_pg_own_properties "${CMAKE_CURRENT_BINARY_DIR}/pg_tests_properties.cmake")
file(WRITE "${junheng_pg_own_properties}"
  "if(junheng_pg_tests)\n"
  "  set_tests_properties(\${junheng_pg_tests} PROPERTIES LABELS \"sync;postgres\" TIMEOUT 300)\n"
  "endif()\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${junheng_pg_own_properties}")
