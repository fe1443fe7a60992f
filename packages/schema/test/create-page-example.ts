/** The request body example from Z-API's "Creating an instance" page, verbatim. */
export const createPageExample = {
  name: 'Instancia Z-API - 9292812',
  sessionName: 'Testes testes',
  deliveryCallbackUrl: 'https://mywebhook.com/delivery',
  receivedCallbackUrl: 'https://mywebhook.com/receive',
  receivedAndDeliveryCallbackUrl: 'https://mywebhook.com/receivedanddelivery',
  disconnectedCallbackUrl: 'https://mywebhook.com/disconnected',
  connectedCallbackUrl: 'https://mywebhook.com/receive',
  presenceChatCallbackUrl: 'https://mywebhook.com/presencechat',
  messageStatusCallbackUrl: 'https://mywebhook.com/status',
  callRejectAuto: false,
  callRejectMessage: 'Test message for rejected calls',
  autoReadMessage: false,
  autoReadStatus: false,
  isDevice: false,
  businessDevice: false,
  disableEnqueueWhenDisconnected: true,
} as const;

/** The response example from the same page. */
export const createPageResponseExample = {
  id: '8823XWIE982KII99012K2L',
  token: '8900LS009W0011OOOPPIPIP00912OOLCKAOOOE009919',
  due: '329000002121',
} as const;
