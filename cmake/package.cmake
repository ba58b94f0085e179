# What `make package` installs and packs: the terminal (and junheng-bureau once that target
# exists), its desktop entry and icon, and the Chinese user guide with the screenshots the
# guide's e2e script took (build/docs/zh, see tests/ui/guide.sh). CPack makes a .deb whose
# Depends are Debian package names only: the shared libraries' packages found by
# dpkg-shlibdeps, plus the Chinese font the terminal looks up at run time.
# Included last from CMakeLists.txt, so every target is already defined.
include(GNUInstallDirs)

install(TARGETS junheng RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET junheng-bureau)
  install(TARGETS junheng-bureau RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES ${CMAKE_SOURCE_DIR}/assets/desktop/junheng.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/assets/desktop/junheng.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# The guide with its screenshots, produced into the build tree (never committed): the `guide`
# target runs the same e2e script the tests run, under its own Xvfb.
set(JUNHENG_GUIDE_DIR ${CMAKE_BINARY_DIR}/docs/zh)
add_custom_target(guide
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0   # Mesa's exit noise in a Debug tree (toolchain.md)
          xvfb-run -a -s "-screen 0 1280x800x24 -noreset" ${CMAKE_SOURCE_DIR}/tests/ui/guide.sh
          $<TARGET_FILE:junheng> ${JUNHENG_GUIDE_DIR}
  COMMENT "Screenshots and HTML of the user guide into ${JUNHENG_GUIDE_DIR}" VERBATIM)
add_dependencies(guide junheng)
install(DIRECTORY ${JUNHENG_GUIDE_DIR}/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/zh)

# Everything the package holds, built: `make package` builds this target, then runs cpack.
add_custom_target(package_contents)
add_dependencies(package_contents junheng guide)
if(TARGET junheng-bureau)
  add_dependencies(package_contents junheng-bureau)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME junheng)
set(CPACK_PACKAGE_VENDOR "Junheng")
set(CPACK_PACKAGE_CONTACT "Junheng maintainers <junheng@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "均衡 · 学校填报终端 — school self-reporting for the quality-balanced evaluation")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"A desktop terminal where a school enters its pupils, staff, buildings, grounds,
 equipment and funds for the county quality-balanced evaluation of compulsory
 education (县域义务教育优质均衡发展), and sees at once which indicators pass and
 what it would take to pass. Works offline; data stays in a local SQLite file.
 The user guide (in Chinese, with screenshots) is in /usr/share/doc/junheng/zh.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Named by hand, as no linked library names them: the Chinese font, found through fontconfig
# at run time; and libGL.so.1, which GLFW opens at run time for GLX (the binary links only
# libOpenGL.so.0), whose dependencies bring a GLX driver (Mesa's, llvmpipe included).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-cjk, libgl1")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Debug symbols stay out of the package (they made the test tree's .deb 200 MB and minutes to
# compress); and packing never builds `all` (tests, benchmarks): `package_contents` is what it needs.
set(CPACK_STRIP_FILES ON)
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
include(CPack)
