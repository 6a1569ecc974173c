/** Small formatting helpers shared by the views. */

export { day, formatDate } from "../../shared/dates.ts";
