#include "model/topology.hpp"

#include <gtest/gtest.h>

#include "model/project_io.hpp"

using namespace bulwark::model;

namespace {
Project fixture() {
    auto r = loadProject(std::string(BULWARK_TEST_DATA) + "/data/good/minimal.yaml");
    EXPECT_TRUE(r);
    return r ? *r : Project{};
}
}  // namespace

TEST(Topology, EnclosingBoundariesInnermostFirst) {
    Project p = fixture();
    EXPECT_EQ(enclosingBoundaries(p, "mcu"), (std::vector<std::string>{"chip", "case"}));
    EXPECT_EQ(enclosingBoundaries(p, "wifi"), (std::vector<std::string>{"case"}));
    EXPECT_TRUE(isInside(p, "app", "case"));
    EXPECT_FALSE(isInside(p, "cloud", "case"));
}

TEST(Topology, FlowCrossesEveryBoundaryAroundExactlyOneEnd) {
    Project p = fixture();
    auto cs = crossings(p, *p.flow("telemetry"));  // app (chip, case) -> cloud (cloud-side)
    ASSERT_EQ(cs.size(), 3u);
    EXPECT_EQ(cs[0].boundary, "chip");
    EXPECT_TRUE(cs[0].leaving);
    EXPECT_EQ(cs[1].boundary, "case");
    EXPECT_EQ(cs[2].boundary, "cloud-side");
    EXPECT_FALSE(cs[2].leaving);
    EXPECT_TRUE(crossesKind(p, *p.flow("telemetry"), BoundaryKind::Internet));
    auto local = crossings(p, *p.flow("local"));  // wifi (case) -> app (chip, case): enters the chip only
    ASSERT_EQ(local.size(), 1u);
    EXPECT_EQ(local[0].boundary, "chip");
    EXPECT_FALSE(crossesKind(p, *p.flow("local"), BoundaryKind::Internet));
}

TEST(Topology, CyclicParentsDoNotLoopForever) {
    Project p;
    p.boundaries = {{"a", "", BoundaryKind::Lan, "b", "", {}, {}}, {"b", "", BoundaryKind::Lan, "a", "", {}, {}}};
    Component c;
    c.id = "x";
    c.boundary = "a";
    p.components.push_back(c);
    EXPECT_EQ(enclosingBoundaries(p, "x"), (std::vector<std::string>{"a", "b"}));
}

TEST(Topology, FlowsIntoAndOutOf) {
    Project p = fixture();
    ASSERT_EQ(flowsInto(p, "app").size(), 1u);
    EXPECT_EQ(flowsInto(p, "app")[0]->id, "local");
    ASSERT_EQ(flowsOutOf(p, "app").size(), 1u);
    EXPECT_EQ(flowsOutOf(p, "app")[0]->id, "telemetry");
}
