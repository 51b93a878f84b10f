package org.townbrain.projects;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** What callers ask the ledger to do, validated at the edge. */
final class ProjectCommands {

    private ProjectCommands() {
    }

    record NewProject(@NotBlank @Size(max = 200) String name, @NotNull Dimension dimension,
            @NotBlank @Size(max = 100) String category,
            @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 2) BigDecimal budget,
            @NotNull LocalDate startDate, @NotNull LocalDate endDate, @NotEmpty @Size(max = 16) List<String> townCodes,
            @DecimalMin("-180") @DecimalMax("180") Double longitude, @DecimalMin("-90") @DecimalMax("90") Double latitude,
            Long constructionFirmId, Long supervisionFirmId) {
    }

    record ProjectChange(@NotNull Integer version, @NotNull ProjectStatus status,
            @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 2) BigDecimal budget, @NotNull LocalDate endDate) {
    }

    /**
     * The project's description; with {@code townCodes} also its towns (they decide who owns the
     * project), without them the towns stay.
     */
    record ProjectDetails(@NotNull Integer version, @NotBlank @Size(max = 200) String name, @NotNull Dimension dimension,
            @NotBlank @Size(max = 100) String category, @NotNull LocalDate startDate,
            @DecimalMin("-180") @DecimalMax("180") Double longitude, @DecimalMin("-90") @DecimalMax("90") Double latitude,
            Long constructionFirmId, Long supervisionFirmId, @Size(max = 16) List<String> townCodes) {

        /** Without towns: the project's towns stay as they are. */
        ProjectDetails(Integer version, String name, Dimension dimension, String category, LocalDate startDate,
                Double longitude, Double latitude, Long constructionFirmId, Long supervisionFirmId) {
            this(version, name, dimension, category, startDate, longitude, latitude, constructionFirmId, supervisionFirmId, null);
        }
    }

    record MonthlyInvestment(@NotNull Integer version, @NotNull YearMonth month,
            @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 2) BigDecimal planned,
            @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 2) BigDecimal actual) {
    }

    record NewMilestone(@NotBlank @Size(max = 200) String name, @NotNull LocalDate dueDate, LocalDate doneDate) {
    }
}
