/** The statuses a task can be reported in, in the form's order. Pure: the workflow bundle imports it. */
import type { TaskStatus } from './types.js';

export const TASK_STATUSES: readonly TaskStatus[] = ['chua-trien-khai', 'dang-thuc-hien', 'hoan-thanh', 'thuong-xuyen'];
