/**
 * Projects: a {@link Project} groups tasks across departments, in {@link Milestone}s with due dates; its progress rolls
 * up from the tasks ({@link ProjectProgress}: done of total, plain and weighted, per milestone and for the project), and
 * it lists its overdue and its blocked tasks ({@link BlockedTask}: waiting, or depending on a task not done). A project
 * is owned by its owner user and belongs to its department, as a campaign is; {@code crm.projects()}.
 */
@NullMarked
package io.crmkit.core.project;

import org.jspecify.annotations.NullMarked;
