# tests/style: the tree is clang-formatted, and the runtime folders include each other without
# cycles (the layering of docs/ARCHITECTURE.md).
MD_TEST_SCRIPTS += tests/style/check-format.sh tests/style/check-includes.sh
