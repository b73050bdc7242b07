// The three registers engineers export, as Tables (table.hpp) ready for CSV, Markdown, JSON and xlsx:
// the checklist (per criterion: property, question, answer, evidence, owner, standards mapping), the threat
// register (findings with status, severity, explanation, mitigations, CWE/CAPEC) and the risk register
// (scenarios with ALE mean, p90, VaR, top drivers, controls). Pure functions of their inputs; no GUI.
#pragma once

#include "export/analysis.hpp"
#include "export/table.hpp"
#include "model/catalogue.hpp"
#include "model/project.hpp"
#include "model/threats.hpp"

namespace bulwark::exporting {

// The project's number format (currency and locale).
NumberFormat projectNumberFormat(const model::Project& project);

// Every criterion of the catalogue in catalogue order, answered or not (device class applied: criteria
// for another class read "n/a" with a note).
Table checklistRegister(const model::Project& project, const model::Catalogue& catalogue);

// Every finding (suppressed ones included, flagged), in the report's order.
Table threatRegister(const model::Project& project, const model::ThreatReport& report);

// Every scenario by mean annual loss, then the portfolio total as the last row.
Table riskRegister(const Analysis& analysis);

}  // namespace bulwark::exporting
