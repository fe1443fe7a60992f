import { graphql } from './graphql.js';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      scopes
      open
      sandbox
    }
  }
`);

export const InstanceRowFields = graphql(`
  fragment InstanceRow on Instance {
    id
    name
    due
    created
    paymentStatus
    rawPaymentStatus
    whatsappConnected
    phoneConnected
    middleware
    sandbox
  }
`);

export const InstancesQuery = graphql(
  `
    query Instances($page: Int!, $pageSize: Int!) {
      instances(page: $page, pageSize: $pageSize) {
        total
        totalPages
        page
        items {
          ...InstanceRow
        }
      }
    }
  `,
  [InstanceRowFields],
);

const UserErrorFields = graphql(`
  fragment UserErrorFields on UserError @_unmask {
    field
    message
    code
  }
`);

export const CreateInstanceMutation = graphql(
  `
    mutation CreateInstance($input: CreateInstanceInput!, $idempotencyKey: String) {
      createInstance(input: $input, idempotencyKey: $idempotencyKey) {
        instance {
          ...InstanceRow
        }
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [InstanceRowFields, UserErrorFields],
);

export const SubscribeInstanceMutation = graphql(
  `
    mutation SubscribeInstance($id: ID!, $withCalls: Boolean, $idempotencyKey: String) {
      subscribeInstance(id: $id, withCalls: $withCalls, idempotencyKey: $idempotencyKey) {
        instance {
          ...InstanceRow
        }
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [InstanceRowFields, UserErrorFields],
);

export const CancelInstanceMutation = graphql(
  `
    mutation CancelInstance($id: ID!) {
      cancelInstance(id: $id) {
        instance {
          ...InstanceRow
        }
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [InstanceRowFields, UserErrorFields],
);

export const EnableCallsMutation = graphql(
  `
    mutation EnableCalls($id: ID!, $idempotencyKey: String) {
      enableCalls(id: $id, idempotencyKey: $idempotencyKey) {
        instance {
          ...InstanceRow
        }
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [InstanceRowFields, UserErrorFields],
);

export const RestartInstanceMutation = graphql(
  `
    mutation RestartInstance($id: ID!, $idempotencyKey: String) {
      restartInstance(id: $id, idempotencyKey: $idempotencyKey) {
        instance {
          ...InstanceRow
        }
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [InstanceRowFields, UserErrorFields],
);

export const DisconnectInstanceMutation = graphql(
  `
    mutation DisconnectInstance($id: ID!) {
      disconnectInstance(id: $id) {
        instance {
          ...InstanceRow
        }
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [InstanceRowFields, UserErrorFields],
);

export const WebhooksFields = graphql(`
  fragment WebhooksFields on InstanceWebhooks {
    receivedCallbackUrl
    receivedAndDeliveryCallbackUrl
    deliveryCallbackUrl
    messageStatusCallbackUrl
    connectedCallbackUrl
    disconnectedCallbackUrl
    presenceChatCallbackUrl
    notifySentByMe
  }
`);

export const InstanceWebhooksQuery = graphql(
  `
    query InstanceWebhooks($id: ID!) {
      instance(id: $id) {
        id
        webhooks {
          ...WebhooksFields
        }
      }
    }
  `,
  [WebhooksFields],
);

export const UpdateWebhooksMutation = graphql(
  `
    mutation UpdateWebhooks($id: ID!, $input: UpdateInstanceWebhooksInput!) {
      updateInstanceWebhooks(id: $id, input: $input) {
        instance {
          id
          webhooks {
            ...WebhooksFields
          }
        }
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [WebhooksFields, UserErrorFields],
);

export const PairingCodeMutation = graphql(
  `
    mutation PairingCode($id: ID!, $phone: String!) {
      requestPairingCode(id: $id, phone: $phone) {
        code
        userErrors {
          ...UserErrorFields
        }
      }
    }
  `,
  [UserErrorFields],
);

export const InstanceConnectionSubscription = graphql(`
  subscription InstanceConnection($id: ID!) {
    instanceConnection(id: $id) {
      state
      qrCode
      phone
      at
    }
  }
`);

export const InstanceEventsSubscription = graphql(`
  subscription InstanceEvents($ids: [ID!]) {
    instanceEvents(ids: $ids) {
      instanceId
      state
      phone
      at
    }
  }
`);
