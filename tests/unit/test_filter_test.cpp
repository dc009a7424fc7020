// Unit tests for TestFilter and its helpers (src/ops/test_filter.*,
// test_list.*, python_regex.*, python_repr.*, filter_args.*).
#include <doctest/doctest.h>
