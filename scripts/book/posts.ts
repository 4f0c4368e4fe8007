// The five posts the course follows, by number (as README.md and ../shared/seeds/README.md name them).
export const POSTS: Readonly<Record<string, string>> = {
  "000": "[Python Machine Learning] 8. 인공신경망",
  "001": "Neural Network (after Deep Learning from Scratch)",
  "002": "[핸즈온 머신러닝] 10장",
  "003": "4. 신경망 학습",
  "004": "SESSION #11 인공신경망 (after Make Your Own Neural Network)",
};

export function postTitle(post: string): string {
  return POSTS[post] ?? `post ${post}`;
}
