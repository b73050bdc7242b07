#include "risk-engine/estimate.hpp"

#include <gtest/gtest.h>

using namespace bulwark::risk;

TEST(Estimate, OrderedPertIsValid) { EXPECT_EQ(validateEstimate(Estimate::pert(2, 6, 24), Domain::NonNegative), ""); }

TEST(Estimate, MinAboveModeIsRejected) {
    auto msg = validateEstimate(Estimate::pert(10, 5, 24), Domain::NonNegative);
    EXPECT_NE(msg.find("min 10 > mode 5"), std::string::npos) << msg;
}

TEST(Estimate, ProbabilityOutsideUnitIntervalIsRejected) {
    auto msg = validateEstimate(Estimate::pert(0.1, 0.5, 1.5), Domain::Probability);
    EXPECT_NE(msg.find("[0, 1]"), std::string::npos) << msg;
    EXPECT_EQ(validateEstimate(Estimate::pert(0.1, 0.5, 0.9), Domain::Probability), "");
}

TEST(Estimate, NegativeLossIsRejected) {
    EXPECT_NE(validateEstimate(Estimate::uniform(-5, 10), Domain::NonNegative), "");
}

TEST(Estimate, LognormalIntervalMustBeOrderedAndPositive) {
    EXPECT_NE(validateEstimate(Estimate::lognormal90(100, 10), Domain::NonNegative), "");
    EXPECT_NE(validateEstimate(Estimate::lognormal90(0, 10), Domain::NonNegative), "");
    EXPECT_EQ(validateEstimate(Estimate::lognormal90(10, 1000), Domain::NonNegative), "");
}

TEST(Estimate, KindNamesRoundTrip) {
    for (auto k : {DistKind::Constant, DistKind::Pert, DistKind::PertPyfair, DistKind::Lognormal, DistKind::Normal,
                   DistKind::Uniform, DistKind::Triangular, DistKind::Beta, DistKind::Poisson, DistKind::Bernoulli})
        EXPECT_EQ(parseDistKind(distKindName(k)), k);
    EXPECT_FALSE(parseDistKind("gaussian").has_value());
}
