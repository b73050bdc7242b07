#include "model/error.hpp"

#include <gtest/gtest.h>

using namespace bulwark::model;

TEST(Error, FormatsFileLineColumn) {
    EXPECT_EQ(makeError("bad", {"a.yaml", 3, 7}).str(), "a.yaml:3:7: bad");
    EXPECT_EQ(makeError("bad", {"a.yaml", 3, 0}).str(), "a.yaml:3: bad");
    EXPECT_EQ(makeError("bad", {"a.yaml", 0, 0}).str(), "a.yaml: bad");
    EXPECT_EQ(makeError("bad").str(), "bad");
}
