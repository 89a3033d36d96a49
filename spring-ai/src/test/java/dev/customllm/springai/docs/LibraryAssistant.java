package dev.customllm.springai.docs;

import java.util.List;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.vectorstore.QuestionAnswerAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.stereotype.Service;

/**
 * The advisor, memory and vector store example of docs/spring-ai.md.
 */
@Service
class LibraryAssistant {

	private final ChatClient chatClient;

	LibraryAssistant(ChatModel chatModel, EmbeddingModel embeddingModel) {
		VectorStore documents = SimpleVectorStore.builder(embeddingModel).build();
		documents.add(List.of(new Document("The library opens at 9 am and closes at 6 pm, Monday to Saturday."),
				new Document("Books are lent for three weeks and can be renewed twice online."),
				new Document("The reading room on the second floor is silent.")));
		ChatMemory memory = MessageWindowChatMemory.builder().maxMessages(20).build();
		this.chatClient = ChatClient.builder(chatModel)
			.defaultSystem("You answer questions about the city library, briefly.")
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build(),
					QuestionAnswerAdvisor.builder(documents)
						.searchRequest(SearchRequest.builder().topK(2).build())
						.build())
			.build();
	}

	String ask(String conversationId, String question) {
		return this.chatClient.prompt()
			.user(question)
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversationId))
			.call()
			.content();
	}

}
