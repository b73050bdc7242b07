// Scenarios with very many loss events a year, shared by the engine's tests (aggregate_test.cpp) and the
// risk benchmark (tests/bench/risk_bench.cpp): the audit's huge fleet and the smart meter's tamper scenario.
#pragma once

#include <vector>

#include "risk-engine/engine.hpp"

namespace bulwark::risk::fixtures {

// Per-device: 1e8 devices x PERT(100, 1000, 10000) threat events each, ~2e11 loss events a year (the exact
// loop would take hours; it hung simulate before the aggregation).
inline Scenario hugeFleet() {
    Scenario s;
    s.id = "huge";
    s.perDevice = true;
    s.tree.tef = Estimate::pert(100, 1000, 10000);
    s.tree.vulnerability = Estimate::pert(0.5, 0.9, 1);
    s.tree.lm = Estimate::pert(1, 2, 3);
    return s;
}

// examples/smart-meter.yaml's meter-tamper: per device, TCap vs RS per event, two primary forms and a
// secondary loss (with 2M devices, ~4,000 threat events a year): every branch of the aggregated path.
inline Scenario meterTamper() {
    Scenario s;
    s.id = "meter-tamper";
    s.perDevice = true;
    s.tree.tef = Estimate::pert(0.0005, 0.002, 0.006);
    s.tree.threatCapability = Estimate::pert(10, 40, 90);
    s.tree.resistanceStrength = Estimate::pert(55, 75, 92);
    s.tree.primary[static_cast<int>(LossForm::Replacement)] = Estimate::pert(95, 130, 220);
    s.tree.primary[static_cast<int>(LossForm::Response)] = Estimate::pert(150, 400, 2500);
    s.tree.slef = Estimate::pert(0.02, 0.1, 0.3);
    s.tree.secondary[static_cast<int>(LossForm::FinesJudgments)] = Estimate::pert(1000, 5000, 60000);
    return s;
}

// The meter's tamper seal: a control on resistance strength and on secondary loss.
inline std::vector<AppliedControl> meterTamperControls() {
    Control c;
    c.id = "seal";
    c.effects.push_back({ControlTarget::ResistanceStrength, Estimate::pert(0.04, 0.08, 0.15)});
    c.effects.push_back({ControlTarget::SecondaryLoss, Estimate::pert(0.2, 0.4, 0.6)});
    return {AppliedControl{c, {}}};
}

}  // namespace bulwark::risk::fixtures
