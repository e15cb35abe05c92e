# Golden values for commonground.analytics.survey, computed by R's survey package.
#
# Run from the repository root (needs R with survey, jsonlite and metafor, e.g. Debian's
# r-cran-survey, r-cran-jsonlite, r-cran-metafor, and the shared census data):
#
#     Rscript tests/analytics/survey/make_golden.R /work/shared/data
#
# It writes
#   tests/analytics/survey/data/   the input data as CSV (R's own api data, and a
#                                  council-shaped sample drawn here with a fixed seed from
#                                  Trafford's Census 2021 margins), so the tests need no R;
#   tests/analytics/survey/golden/ what R's survey package (and metafor, for the
#                                  Fay-Herriot model) computes on them, as JSON.
#
# Every case says how the design is built (weights, strata, clusters, fpc), how it is
# weighted (calibrate(), with the margins), and which estimates to make; the Python tests
# read the same description, so a case added here is tested without a new test.

suppressMessages({
  library(survey)
  library(jsonlite)
  library(metafor)
})

args <- commandArgs(trailingOnly = TRUE)
shared <- if (length(args) >= 1) args[[1]] else "../shared/data"
here <- "tests/analytics/survey"
dir.create(file.path(here, "data"), showWarnings = FALSE)
dir.create(file.path(here, "golden"), showWarnings = FALSE)
options(survey.lonely.psu = "fail")

# ---------------------------------------------------------------------------- helpers

# Population totals in the order of model.matrix(~ v1 + v2 + ...): the intercept (the
# first margin's total), then every level but the first of each margin.
totals_for <- function(margins) {
  out <- c(`(Intercept)` = sum(unlist(margins[[1]]$totals)))
  for (m in margins) {
    lv <- names(m$totals)
    extra <- unlist(m$totals)[-1]
    names(extra) <- paste0(m$variable, lv[-1])
    out <- c(out, extra)
  }
  out
}

weight_design <- function(design, w) {
  if (is.null(w)) return(design)
  formula <- as.formula(paste("~", paste(sapply(w$margins, `[[`, "variable"), collapse = "+")))
  args <- list(design, formula, totals_for(w$margins), calfun = w$method,
               epsilon = 1e-13, maxit = 500)
  if (!is.null(w$bounds)) args$bounds <- unlist(w$bounds)
  if (!is.null(w$trim)) args$trim <- unlist(w$trim)
  suppressMessages(do.call(calibrate, args))
}

# One estimate per domain, each from the subset design as a user of R would write it.
estimate_rows <- function(design, spec, data) {
  values <- as.character(data[[spec$variable]])
  eligible <- !is.na(values) & values != "" & !(values %in% unlist(spec$exclude))
  if (spec$kind == "proportion") {
    design <- update(design, y__ = as.numeric(values %in% unlist(spec$agree)))
  } else {
    design <- update(design, y__ = suppressWarnings(as.numeric(values)))
  }
  sub_all <- subset(design, eligible)
  domains <- list(list(label = "all", design = sub_all))
  if (!is.null(spec$by)) {
    by <- as.character(data[[spec$by]])
    for (level in sort(unique(by[eligible]))) {
      domains[[length(domains) + 1]] <- list(
        label = level, design = subset(design, eligible & by == level))
    }
  }
  lapply(domains, function(dom) {
    d <- dom$design
    m <- svymean(~y__, d, deff = TRUE)
    df <- degf(d)
    if (spec$kind == "proportion") {
      # svyglm warns about the zero weights of rows outside the domain; harmless.
      p <- suppressWarnings(svyciprop(~y__, d, method = spec$ci, df = df))
      ci <- as.numeric(attr(p, "ci"))
      est <- as.numeric(p)
    } else {
      ci <- as.numeric(confint(m, df = df))
      est <- as.numeric(coef(m))
    }
    w <- weights(d)
    w <- w[w != 0]
    list(domain = dom$label, n = length(w), estimate = est, se = as.numeric(SE(m)),
         ci_low = ci[1], ci_high = ci[2], df = df, deff = as.numeric(deff(m)),
         ess = sum(w)^2 / sum(w^2))
  })
}

# The difference between two groups' shares as the group coefficient of a saturated
# survey regression, whose sandwich variance is that of the domain contrast (svyby's
# covmat= fails on calibrated designs in survey 4.1).
difference_rows <- function(design, spec, data) {
  values <- as.character(data[[spec$variable]])
  eligible <- !is.na(values) & values != "" & !(values %in% unlist(spec$exclude))
  group <- as.character(data[[spec$by]])
  design <- update(design, y__ = as.numeric(values %in% unlist(spec$agree)),
                   g__ = factor(group, levels = c(spec$second, spec$first)))
  sub <- subset(design, eligible & group %in% c(spec$first, spec$second))
  fit <- suppressWarnings(svyglm(y__ ~ g__, sub))
  list(estimate = as.numeric(coef(fit)[2]), se = as.numeric(SE(fit)[2]))
}

run_case <- function(case, data, design) {
  weighted <- weight_design(design, case$weighting)
  case$weights <- as.numeric(weights(weighted))
  case$estimates <- lapply(case$estimates, function(spec) {
    spec$rows <- estimate_rows(weighted, spec, data)
    spec
  })
  if (!is.null(case$differences)) {
    case$differences <- lapply(case$differences, function(spec) {
      spec$result <- difference_rows(weighted, spec, data)
      spec
    })
  }
  case
}

margin <- function(variable, table) {
  list(variable = variable, totals = as.list(setNames(as.numeric(table), names(table))))
}

write_golden <- function(cases, file) {
  writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, null = "null", pretty = TRUE),
             file.path(here, "golden", file))
}

# ------------------------------------------------------------------- R's api data

data(api)
strat_cols <- c("stype", "dnum", "api00", "api99", "sch.wide", "comp.imp", "awards",
                "yr.rnd", "pw", "fpc")
write.csv(apistrat[, strat_cols], file.path(here, "data", "apistrat.csv"), row.names = FALSE)
write.csv(apiclus1[, strat_cols], file.path(here, "data", "apiclus1.csv"), row.names = FALSE)

pop_schwide <- margin("sch.wide", table(apipop$sch.wide))
pop_compimp <- margin("comp.imp", table(apipop$comp.imp))
pop_stype <- margin("stype", table(apipop$stype))

api_estimates <- list(
  list(kind = "mean", variable = "api00", by = "awards"),
  list(kind = "proportion", variable = "awards", agree = list("Yes"), ci = "logit",
       by = "yr.rnd"),
  list(kind = "proportion", variable = "sch.wide", agree = list("Yes"), ci = "logit",
       by = "stype")
)
beta_everywhere <- list(kind = "proportion", variable = "awards", agree = list("Yes"),
                        ci = "beta", by = "yr.rnd")
beta_overall <- list(kind = "proportion", variable = "awards", agree = list("Yes"),
                     ci = "beta")

strat_design <- function(data) svydesign(id = ~1, strata = ~stype, weights = ~pw,
                                         fpc = ~fpc, data = data)
clus_design <- function(data) svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = data)

api_cases <- list(
  list(name = "apistrat unweighted", data = "apistrat.csv",
       design = list(weights = "pw", strata = "stype", fpc = "fpc"),
       estimates = c(api_estimates, list(beta_everywhere)),
       differences = list(list(variable = "awards", agree = list("Yes"), by = "yr.rnd",
                               first = "Yes", second = "No"))),
  list(name = "apistrat raked", data = "apistrat.csv",
       design = list(weights = "pw", strata = "stype", fpc = "fpc"),
       weighting = list(method = "raking", margins = list(pop_schwide, pop_compimp)),
       estimates = c(api_estimates, list(beta_overall)),
       differences = list(list(variable = "awards", agree = list("Yes"), by = "stype",
                               first = "E", second = "H"))),
  list(name = "apistrat linear calibration", data = "apistrat.csv",
       design = list(weights = "pw", strata = "stype", fpc = "fpc"),
       weighting = list(method = "linear", margins = list(pop_schwide, pop_compimp)),
       estimates = api_estimates),
  list(name = "apistrat logit calibration", data = "apistrat.csv",
       design = list(weights = "pw", strata = "stype", fpc = "fpc"),
       weighting = list(method = "logit", bounds = list(0.5, 1.6),
                        margins = list(pop_schwide, pop_compimp)),
       estimates = api_estimates),
  list(name = "apistrat raked and trimmed", data = "apistrat.csv",
       design = list(weights = "pw", strata = "stype", fpc = "fpc"),
       weighting = list(method = "raking", trim = list(0.85, 1.15),
                        margins = list(pop_schwide, pop_compimp)),
       estimates = api_estimates),
  list(name = "apiclus1 unweighted", data = "apiclus1.csv",
       design = list(weights = "pw", clusters = "dnum", fpc = "fpc"),
       estimates = c(api_estimates, list(beta_everywhere))),
  list(name = "apiclus1 raked", data = "apiclus1.csv",
       design = list(weights = "pw", clusters = "dnum", fpc = "fpc"),
       weighting = list(method = "raking", margins = list(pop_stype, pop_schwide)),
       estimates = c(api_estimates, list(beta_overall)))
)
api_out <- lapply(api_cases, function(case) {
  data <- if (case$data == "apistrat.csv") apistrat else apiclus1
  design <- if (case$data == "apistrat.csv") strat_design(data) else clus_design(data)
  run_case(case, data, design)
})
write_golden(api_out, "api.json")

# ------------------------------------------------- a council-shaped sample (Trafford)

lad <- read.csv(file.path(shared, "census2021_age_sex_lad",
                          "census2021_ts009_sex_age_bands_lad21.csv"))
ward <- read.csv(file.path(shared, "census2021_age_sex_lsoa",
                           "census2021_age6_sex_ward24_bestfit_aggregate.csv"))
lad <- lad[lad$lad21_code == "E08000009" & lad$sex != "all", ]
ward <- ward[ward$lad24_code == "E08000009", ]
ward <- ward[order(ward$ward24_name), ]

bands <- c("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")
band_cols <- c("age_16_24", "age_25_34", "age_35_44", "age_45_54", "age_55_64",
               "age_65_74", "age_75_plus")
agesex <- expand.grid(band = bands, sex = c("female", "male"), stringsAsFactors = FALSE)
agesex$population <- mapply(function(b, s) lad[lad$sex == s, band_cols[match(b, bands)]],
                            agesex$band, agesex$sex)
agesex$label <- paste0(agesex$band, "*", agesex$sex)
ward_pop <- setNames(ward$total_16_plus, ward$ward24_name)

# Margins as an analyst would write them: age band by sex from TS009, wards from the
# LSOA best-fit aggregate.  Their totals differ by census perturbation.
margins_csv <- rbind(
  data.frame(variable = "age_band*sex", category = agesex$label, population = agesex$population),
  data.frame(variable = "ward", category = names(ward_pop), population = as.numeric(ward_pop)))
write.csv(margins_csv, file.path(here, "data", "council_margins.csv"), row.names = FALSE)

# The sample: 21 wards, stratified (about 75 addresses' worth of responses each), with
# older people likelier to answer; agreement varies by ward and age.
set.seed(20240613)
n_per_ward <- rpois(length(ward_pop), 72) + 8
age_response <- c(0.45, 0.6, 0.8, 0.95, 1.1, 1.3, 1.2)
rows <- list()
for (i in seq_along(ward_pop)) {
  k <- n_per_ward[i]
  p_cell <- agesex$population * rep(age_response, 2)
  cell <- sample(nrow(agesex), k, replace = TRUE, prob = p_cell)
  ward_effect <- (i - 11) / 12
  eta <- 1.1 + ward_effect + c(-0.5, -0.3, 0, 0.1, 0.3, 0.5, 0.6)[match(agesex$band[cell], bands)]
  agree_p <- plogis(eta)
  u <- runif(k)
  answer <- ifelse(u < agree_p * 0.45, "definitely_agree",
            ifelse(u < agree_p, "tend_to_agree",
            ifelse(u < agree_p + (1 - agree_p) * 0.6, "tend_to_disagree",
                   "definitely_disagree")))
  answer[runif(k) < 0.06] <- "dont_know"
  answer[runif(k) < 0.03] <- ""
  belong <- ifelse(runif(k) < plogis(eta - 0.6), "very_strongly", "not_very_strongly")
  years <- round(rexp(k, 1 / 14) + 0.5)
  rows[[i]] <- data.frame(ward = names(ward_pop)[i], age_band = agesex$band[cell],
                          sex = agesex$sex[cell], get_on_well = answer, belong = belong,
                          years_in_area = years, stringsAsFactors = FALSE)
}
council <- do.call(rbind, rows)
council$respondent <- sprintf("R%04d", seq_len(nrow(council)))
# Design weight of a stratified sample: the ward's adults over its respondents.
ward_n <- table(council$ward)
council$design_weight <- as.numeric(ward_pop[council$ward] / ward_n[council$ward])
council <- council[, c("respondent", "ward", "age_band", "sex", "get_on_well", "belong",
                       "years_in_area", "design_weight")]
write.csv(council, file.path(here, "data", "council_responses.csv"), row.names = FALSE)

# Common Ground scales every margin to the first margin's total; R needs consistent
# totals, so the same scaling is done here.
total <- sum(agesex$population)
council_margins <- list(
  list(variable = "age_band_sex", totals = as.list(setNames(agesex$population, agesex$label))),
  list(variable = "ward", totals = as.list(ward_pop * total / sum(ward_pop))))
council$age_band_sex <- paste0(council$age_band, "*", council$sex)
council$age_band_sex <- factor(council$age_band_sex, levels = agesex$label)
council$ward <- factor(council$ward, levels = names(ward_pop))
n <- nrow(council)
council$equal <- total / n

get_on_well <- function(ci, by) list(kind = "proportion", variable = "get_on_well",
                                     agree = list("definitely_agree", "tend_to_agree"),
                                     exclude = list("dont_know"), ci = ci, by = by)
council_cases <- list(
  # What `commonground survey-estimate` does: equal starting weights, no strata.
  list(name = "council raked, equal starting weights", data = "council_responses.csv",
       design = list(weights = "equal"),
       weighting = list(method = "raking", margins = council_margins),
       estimates = list(get_on_well("logit", "ward"), get_on_well("logit", "age_band"),
                        list(kind = "mean", variable = "years_in_area", by = "sex"))),
  list(name = "council stratified by ward, raked", data = "council_responses.csv",
       design = list(weights = "design_weight", strata = "ward"),
       weighting = list(method = "raking", margins = council_margins),
       estimates = list(get_on_well("logit", "ward"), get_on_well("logit", "sex"),
                        list(kind = "proportion", variable = "belong",
                             agree = list("very_strongly"), ci = "beta")),
       differences = list(
         list(variable = "get_on_well", agree = list("definitely_agree", "tend_to_agree"),
              exclude = list("dont_know"), by = "sex", first = "female", second = "male"),
         list(variable = "get_on_well", agree = list("definitely_agree", "tend_to_agree"),
              exclude = list("dont_know"), by = "ward", first = names(ward_pop)[1],
              second = names(ward_pop)[21]))),
  list(name = "council stratified by ward, unweighted", data = "council_responses.csv",
       design = list(weights = "design_weight", strata = "ward"),
       estimates = list(get_on_well("beta", "ward"), get_on_well("beta", "age_band")))
)
council_out <- lapply(council_cases, function(case) {
  design <- if (is.null(case$design$strata)) {
    svydesign(id = ~1, weights = as.formula(paste0("~", case$design$weights)), data = council)
  } else {
    svydesign(id = ~1, strata = ~ward, weights = as.formula(paste0("~", case$design$weights)),
              data = council)
  }
  run_case(case, council, design)
})
write_golden(council_out, "council.json")

# ------------------------------------------- Fay-Herriot: metafor's REML and BLUPs

# Direct ward estimates of the first council case, variances smoothed from the
# council's share and design effect, and a census covariate (share aged 65+).
first <- council_out[[1]]$estimates[[1]]$rows
overall <- first[[1]]
wards <- first[-1]
direct <- sapply(wards, `[[`, "estimate")
responses <- sapply(wards, `[[`, "n")
psi <- overall$estimate * (1 - overall$estimate) * overall$deff / responses
older <- ward$age_65_plus / ward$total_16_plus
fh_cases <- list()
for (with_covariate in c(TRUE, FALSE)) {
  fit <- if (with_covariate) {
    rma(yi = direct, vi = psi, mods = ~older, method = "REML",
        control = list(threshold = 1e-13, maxiter = 5000))
  } else {
    rma(yi = direct, vi = psi, method = "REML",
        control = list(threshold = 1e-13, maxiter = 5000))
  }
  b <- blup(fit)
  fh_cases[[length(fh_cases) + 1]] <- list(
    name = if (with_covariate) "wards, share aged 65+" else "wards, intercept only",
    direct = direct, variances = psi,
    covariates = if (with_covariate) older else NULL,
    sigma2 = fit$tau2, beta = as.numeric(coef(fit)), beta_se = as.numeric(fit$se),
    blup = as.numeric(b$pred), blup_se = as.numeric(b$se))
}
write_golden(fh_cases, "fay_herriot.json")
cat("wrote", here, "\n")
