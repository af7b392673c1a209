/** Appointments in words: "Secretary of State, head of delegation"; how one ended. */

import type { Appointment } from '../../api/types.ts';

/** The title and role of an appointment: "Secretary of State · head of delegation". */
export function appointmentText(appointment: Pick<Appointment, 'title' | 'role'>): string {
  return [appointment.title, appointment.role?.replaceAll('-', ' ')]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
}

/** Whether the appointment is the head of a delegation. */
export function isHead(appointment: Pick<Appointment, 'role'>): boolean {
  return appointment.role === 'head-of-delegation';
}
