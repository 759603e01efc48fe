# The web app's end-to-end test (web/e2e, docs/WEB_API.md): one walk in headless Chromium through
# the wizard and the executions page against the relsynth serve just built, its UI embedded.
# `make build` installs web/node_modules (npm ci) and builds web/dist; `make test` installs
# Debian's Chromium (scripts/install-deps.sh --test) before ctest runs. Without npm it is not added.
if(RELSYNTH_BUILD_TESTS)
  find_program(RELSYNTH_NPM npm)
  if(RELSYNTH_NPM AND EXISTS "${CMAKE_SOURCE_DIR}/web/package.json")
    # Skipped, saying why, until web/node_modules is installed (a cmake-only build has none).
    add_test(NAME web_e2e
      COMMAND sh -c "test -d node_modules || { echo 'web_e2e skipped: web/node_modules is missing (make build runs npm ci)'; exit 77; }; exec \"$0\" test" "${RELSYNTH_NPM}"
      WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}/web")
    set_tests_properties(web_e2e PROPERTIES TIMEOUT 300 LABELS web SKIP_RETURN_CODE 77
      ENVIRONMENT "RELSYNTH_BIN=$<TARGET_FILE:relsynth_cli>;RELSYNTH_DEMO_DB_TOOL=$<TARGET_FILE:relsynth_demo_db>")
  endif()
endif()
