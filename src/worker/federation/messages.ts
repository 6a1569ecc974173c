/** What federation puts on its Queue (FEDERATION_QUEUE): one consumer, dispatched by `type`. */

/** A signed POST of an activity to one inbox (deliver.ts). */
export interface DeliveryMessage {
  type: "deliver";
  activityId: string;
  inbox: string;
  /** The activity's JSON, as sent. */
  body: string;
}

/** A Webmention's source to fetch and check (mentions.ts). */
export interface VerifyMention {
  type: "verify-webmention";
  source: string;
  target: string;
  post: string;
}

export type FederationMessage = DeliveryMessage | VerifyMention;
