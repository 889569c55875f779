"""Hand-over to a person: organisations' live-chat desks, the staff queue and the live chat.

``desks`` registers desks (organisation, topics, needs, municipalities, languages, opening hours with
Finnish public holidays, phone, a contact-request service) and finds the best one for a conversation;
``service`` keeps the chats (waiting → active → closed; one staff member takes one, atomically), their
messages sealed with AES-GCM, the optional bot transcript under a consent record, and the retention;
``events`` streams a chat as server-sent events; ``api`` is the person's side beside the chat API,
``backoffice`` the staff pages, ``cli`` ``aurora desks …``. The assistant's flow (``assistant/person.py``)
offers the person a desk, its phone number or a contact request.
"""
