#define BOOST_TEST_MODULE term
#include <boost/test/unit_test.hpp>
